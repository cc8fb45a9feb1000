using Julia.Infrastructure.Logging;

namespace Julia.UnitTests.Infrastructure.Logging;

public sealed class SafeUrlTests
{
    [Theory]
    [InlineData("http://admin:s3nh%40@evolution:8080/", "http://***@evolution:8080/")]
    [InlineData("https://token@chatwoot.example.com", "https://***@chatwoot.example.com/")]
    [InlineData("http://evolution:8080", "http://evolution:8080")]   // no user info: as given
    [InlineData("", "")]
    [InlineData("não é url", "não é url")]
    public void UserAndPasswordBecomeStars(string url, string shown) => Assert.Equal(shown, SafeUrl.Of(url));
}
