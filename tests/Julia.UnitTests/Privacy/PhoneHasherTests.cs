using Julia.Privacy;
using Microsoft.Extensions.Options;

namespace Julia.UnitTests.Privacy;

public sealed class PhoneHasherTests
{
    static PhoneHasher With(string? secret) => new(Options.Create(new PrivacyOptions { Secret = secret }));

    [Fact]
    public void TheHashIsAKeyedSha256OfThePhoneThatRevealsNothingWithoutTheSecret()
    {
        var hash = With("segredo-a").Hash("5511988887771")!;

        Assert.Equal(32, hash.Length);
        Assert.Equal(hash, With("segredo-a").Hash("5511988887771"));
        Assert.NotEqual(hash, With("segredo-b").Hash("5511988887771"));
        Assert.NotEqual(hash, With("segredo-a").Hash("5511988887772"));
        Assert.Equal(System.Security.Cryptography.HMACSHA256.HashData("segredo-a"u8, "5511988887771"u8), hash);
    }

    [Fact]
    public void WithoutASecretTheDevelopmentKeyIsUsedAndSaid()
    {
        Assert.True(With(null).UsesDevelopmentSecret);
        Assert.False(With("x").UsesDevelopmentSecret);
        Assert.Equal(With(PrivacyOptions.DevelopmentSecret).Hash("5511988887771"), With("").Hash("5511988887771"));
        Assert.Null(With("x").Hash(null));
    }
}
