namespace Julia.Infrastructure.Logging;

/// <summary>
/// A configured URL as it may go into a log line: a user and password written in it (`http://admin:senha@evolution:8080`)
/// become `***`; everything else as given.
/// </summary>
internal static class SafeUrl
{
    public static string Of(string? url)
    {
        if (string.IsNullOrEmpty(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.UserInfo.Length == 0) return url ?? "";
        return new UriBuilder(uri) { UserName = "***", Password = "" }.Uri.ToString();
    }
}
