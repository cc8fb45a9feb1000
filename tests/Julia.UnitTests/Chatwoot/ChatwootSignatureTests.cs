using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Julia.Chatwoot;

namespace Julia.UnitTests.Chatwoot;

public sealed class ChatwootSignatureTests
{
    const string Secret = "segredo-do-webhook";
    const long Timestamp = 1765387500;
    static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(Timestamp + 30);
    static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);
    static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"event":"message_created","id":98790,"content":"Oi Maria 🙂"}""");

    static string Ts(long t = Timestamp) => t.ToString(CultureInfo.InvariantCulture);

    static bool IsValid(string? timestamp, string? signature, byte[]? body = null, string secret = Secret) =>
        ChatwootSignature.IsValid(secret, timestamp, signature, body ?? Body, Now, Tolerance);

    [Fact]
    public void SignIsHexHmacOfTimestampDotBody()
    {
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret),
            (byte[])[.. Encoding.ASCII.GetBytes($"{Timestamp}."), .. Body]));

        Assert.Equal(expected, ChatwootSignature.Sign(Secret, Timestamp, Body));
    }

    [Fact]
    public void AValidSignatureIsAccepted() => Assert.True(IsValid(Ts(), ChatwootSignature.Sign(Secret, Timestamp, Body)));

    [Fact]
    public void UpperCaseHexAndSurroundingSpacesAreAccepted()
    {
        var signature = ChatwootSignature.Sign(Secret, Timestamp, Body);

        Assert.True(IsValid($" {Ts()} ", " sha256=" + signature["sha256=".Length..].ToUpperInvariant() + " "));
    }

    [Fact]
    public void TimestampsInsideTheToleranceAreAcceptedEitherSide()
    {
        foreach (var t in new[] { Timestamp - 240, Timestamp + 300 })
            Assert.True(IsValid(Ts(t), ChatwootSignature.Sign(Secret, t, Body)));
    }

    [Fact]
    public void AWrongSecretIsRejected() => Assert.False(IsValid(Ts(), ChatwootSignature.Sign("outro-segredo", Timestamp, Body)));

    [Fact]
    public void ATamperedBodyIsRejected()
    {
        var tampered = Encoding.UTF8.GetBytes("""{"event":"message_created","id":98790,"content":"Oi Maria 🙃"}""");

        Assert.False(IsValid(Ts(), ChatwootSignature.Sign(Secret, Timestamp, Body), tampered));
    }

    [Fact]
    public void ASignatureForAnotherTimestampIsRejected() =>
        Assert.False(IsValid(Ts(Timestamp + 1), ChatwootSignature.Sign(Secret, Timestamp, Body)));

    [Theory]
    [InlineData(-1000)]
    [InlineData(-331)]
    [InlineData(301)]
    [InlineData(86400)]
    public void TimestampsOutsideTheToleranceAreRejected(long offsetFromNow)
    {
        var t = Now.ToUnixTimeSeconds() + offsetFromNow;

        Assert.False(IsValid(Ts(t), ChatwootSignature.Sign(Secret, t, Body)));
    }

    [Fact]
    public void MissingHeadersAreRejected()
    {
        var signature = ChatwootSignature.Sign(Secret, Timestamp, Body);

        Assert.False(IsValid(null, signature));
        Assert.False(IsValid(Ts(), null));
        Assert.False(IsValid(null, null));
        Assert.False(IsValid("", signature));
        Assert.False(IsValid(Ts(), ""));
    }

    [Fact]
    public void AnEmptySecretVerifiesNothing() =>
        Assert.False(IsValid(Ts(), ChatwootSignature.Sign("", Timestamp, Body), secret: ""));

    [Theory]
    [InlineData("sha256=")]
    [InlineData("sha256=zz")]
    [InlineData("sha256=not-hex-at-all-not-hex-at-all-not-hex-at-all-not-hex-at-all-xx")]
    [InlineData("sha1=0123456789abcdef0123456789abcdef01234567")]
    [InlineData("sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void GarbledSignaturesAreRejected(string signature) => Assert.False(IsValid(Ts(), signature));

    [Fact]
    public void NonHexOfTheRightLengthIsRejected()
    {
        var hex = ChatwootSignature.Sign(Secret, Timestamp, Body)["sha256=".Length..];

        Assert.False(IsValid(Ts(), "sha256=" + hex[..^1] + "g"));
    }

    [Fact]
    public void ASignatureWithoutThePrefixIsRejected()
    {
        var hex = ChatwootSignature.Sign(Secret, Timestamp, Body)["sha256=".Length..];

        Assert.False(IsValid(Ts(), hex));
    }

    [Fact]
    public void ATruncatedOrExtendedSignatureIsRejected()
    {
        var signature = ChatwootSignature.Sign(Secret, Timestamp, Body);

        Assert.False(IsValid(Ts(), signature[..^2]));
        Assert.False(IsValid(Ts(), signature + "00"));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1765387500")]
    [InlineData("1765387500.5")]
    [InlineData("1.7e9")]
    [InlineData("99999999999999999999999")]
    [InlineData("9223372036854775807")]
    public void GarbledTimestampsAreRejected(string timestamp) =>
        Assert.False(IsValid(timestamp, ChatwootSignature.Sign(Secret, Timestamp, Body)));
}
