using System.Text.RegularExpressions;
using Julia.Infrastructure.Configuration;

namespace Julia.Infrastructure.Logging;

/// <summary>
/// What no log line may carry, whatever wrote it (docs/decisions.md#log-secrets): the value of every secret variable
/// (`Secret: true` in <see cref="EnvironmentVariables"/>, and the password inside a secret URL) and the value of a
/// `token=` query parameter. Júlia's own lines never name them; the framework's may — at DEBUG, ASP.NET writes each
/// request's URL (`Request starting … /webhook/evolution?token=…`, Chatwoot's `?token=` likewise) and HttpClient the
/// URL it calls (`SLACK_WEBHOOK_URL` is a secret address). Each becomes `***`.
/// </summary>
internal sealed partial class LogSecrets
{
    /// <summary>Shorter values are not looked for: a 3-character "secret" would blank out ordinary words.</summary>
    const int MinLength = 8;

    readonly string[] values;

    public LogSecrets(IEnumerable<string?> secrets) =>
        values = [.. secrets.Where(s => s is { Length: >= MinLength }).Select(s => s!).Distinct().OrderByDescending(s => s.Length)];

    public static readonly LogSecrets None = new([]);

    /// <summary>The secret variables' values in <paramref name="configuration"/>, and the password of each secret URL.</summary>
    public static LogSecrets From(IConfiguration configuration)
    {
        var found = new List<string?>();
        foreach (var variable in EnvironmentVariables.All.Where(v => v.Secret))
        {
            var value = configuration[variable.Key];
            found.Add(value);
            if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.UserInfo.Split(':', 2) is [_, var password])
            {
                found.Add(password);
                found.Add(Uri.UnescapeDataString(password));
            }
        }
        return new LogSecrets(found);
    }

    public string Scrub(string text)
    {
        if (text.Length == 0) return text;
        foreach (var value in values)
            if (text.Contains(value, StringComparison.Ordinal)) text = text.Replace(value, "***", StringComparison.Ordinal);
        return text.Contains("token=", StringComparison.OrdinalIgnoreCase) ? QueryToken().Replace(text, "$1***") : text;
    }

    // `?token=…` or `&token=…` up to the next parameter, space or quote: as typed, percent-encoded or not.
    [GeneratedRegex("""([?&]token=)[^&\s"']+""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QueryToken();
}
