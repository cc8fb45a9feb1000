using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Julia.IntegrationTests.TestHost.LeakGuard;

/// <summary>
/// What one host was given that must never come back out whole in its log (docs/decisions.md#log-leak-guard): the phones and
/// WhatsApp addresses, e-mails and message texts the test sent it, and the secrets it was configured with or that came on
/// the test's requests (tokens in headers and query strings). Filled as the requests arrive; read by <see cref="LeakScan"/>.
/// </summary>
public sealed partial class SentValues
{
    /// <summary>A message text shorter than this is too common ("sim", "oi, tudo bem") to be told apart from the app's own words.</summary>
    public const int MinTextChars = 16;

    /// <summary>A secret shorter than this ("x", "1") would match anything.</summary>
    public const int MinSecretChars = 6;

    readonly ConcurrentDictionary<string, byte> phones = new(StringComparer.Ordinal); // last 8 digits
    readonly ConcurrentDictionary<string, byte> texts = new(StringComparer.OrdinalIgnoreCase);
    readonly ConcurrentDictionary<string, byte> emails = new(StringComparer.OrdinalIgnoreCase);
    readonly ConcurrentDictionary<string, string> secrets = new(StringComparer.Ordinal); // value → category

    public IEnumerable<string> PhoneTails => phones.Keys;
    public IEnumerable<string> Texts => texts.Keys;
    public IEnumerable<string> Emails => emails.Keys;
    public IEnumerable<KeyValuePair<string, string>> Secrets => secrets;

    /// <summary>Settings by the runbook's names: a key naming a secret, and the password of any URL.</summary>
    public void AddSettings(IEnumerable<KeyValuePair<string, string?>> settings)
    {
        foreach (var (key, value) in settings)
        {
            if (string.IsNullOrEmpty(value)) continue;
            if (SecretName().IsMatch(key)) AddSecret(value, key);
            AddUrlPassword(value, key);
        }
    }

    public void AddUrlPassword(string? url, string category)
    {
        if (url is null) return;
        // postgres://user:pass@host/db, redis://:pass@host:port; Npgsql's "Password=…" form too.
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.UserInfo.Split(':', 2) is [_, var password])
            AddSecret(Uri.UnescapeDataString(password), category + " password");
        foreach (Match m in KeywordPassword().Matches(url)) AddSecret(m.Groups[1].Value, category + " password");
    }

    public void AddSecret(string value, string category)
    {
        value = value.Trim();
        if (value.Length >= MinSecretChars) secrets.TryAdd(value, category);
    }

    public void AddPhone(string phoneOrAddress)
    {
        var digits = Digits(phoneOrAddress.Split('@')[0]);
        // "0000000000@s.whatsapp.net" (a hostile-input test's) is nobody's number, and its zeros are in every id.
        if (digits.Length >= 10 && digits[^8..].Distinct().Count() >= 3) phones.TryAdd(digits[^8..], 0);
    }

    public void AddText(string text)
    {
        var normal = Normalise(text);
        if (normal.Length >= MinTextChars && normal.Contains(' ')) texts.TryAdd(normal, 0);
    }

    /// <summary>A request as the host received it: its credentials, its query and its JSON body's strings.</summary>
    public void AddRequest(string? query, IEnumerable<KeyValuePair<string, string>> headers, string? body)
    {
        foreach (var (name, value) in headers)
        {
            if (name.Equals("Authorization", StringComparison.OrdinalIgnoreCase))
                AddSecret(value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? value[7..] : value, "Authorization header");
            else if (SecretName().IsMatch(name)) AddSecret(value, name + " header");
        }
        if (!string.IsNullOrEmpty(query))
            foreach (var pair in query.TrimStart('?').Split('&'))
                if (pair.Split('=', 2) is [var key, var value] && SecretName().IsMatch(key))
                    AddSecret(Uri.UnescapeDataString(value), "?" + key + " query");
        if (string.IsNullOrWhiteSpace(body)) return;
        try
        {
            using var json = JsonDocument.Parse(body.TrimStart('\uFEFF'));
            Walk(json.RootElement, null);
        }
        catch (JsonException) { }
    }

    void Walk(JsonElement element, string? name)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject()) Walk(property.Value, property.Name);
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray()) Walk(item, name);
                break;
            case JsonValueKind.String:
                // A hostile-input test sends lone surrogates: such a value is nobody's phone or text.
                if (!TryGetString(element, out var value)) break;
                if (Address().IsMatch(value) || PhoneLike().IsMatch(value)) AddPhone(value);
                else if (Email().IsMatch(value)) emails.TryAdd(value.Trim(), 0);
                else if (name is not null && TextField().IsMatch(name)) AddText(value);
                break;
        }
    }

    static bool TryGetString(JsonElement element, out string value)
    {
        try { value = element.GetString() ?? ""; return true; }
        catch (InvalidOperationException) { value = ""; return false; }
    }

    public static string Digits(string text)
    {
        Span<char> buffer = stackalloc char[Math.Min(text.Length, 256)];
        var n = 0;
        foreach (var c in text.AsSpan(0, Math.Min(text.Length, 256)))
            if (c is >= '0' and <= '9') buffer[n++] = c;
        return new string(buffer[..n]);
    }

    public static string Normalise(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex("TOKEN|KEY|SECRET|SEGREDO|PASSWORD|SENHA|apikey|api_access_token", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    [GeneratedRegex(@"(?:^|;)\s*Password\s*=\s*([^;]+)", RegexOptions.IgnoreCase)]
    private static partial Regex KeywordPassword();

    [GeneratedRegex(@"^\+?[\d\-]{8,}@(?:s\.whatsapp\.net|c\.us|lid|g\.us)$")]
    private static partial Regex Address();

    [GeneratedRegex(@"^\+?[\d ()\-.]{10,20}$")]
    private static partial Regex PhoneLike();

    /// <summary>An e-mail; a WhatsApp address with letters ("abc@s.whatsapp.net", a hostile-input test's) is not one.</summary>
    [GeneratedRegex(@"^[^@\s]+@(?!s\.whatsapp\.net$|c\.us$|g\.us$)[^@\s]+\.[a-z]{2,}$", RegexOptions.IgnoreCase)]
    private static partial Regex Email();

    /// <summary>The fields a doctor's or recruiter's words come in (Evolution's `conversation`, `text`, `caption`; Chatwoot's `content`).</summary>
    [GeneratedRegex("^(?:conversation|text|caption|content|body|mensagem|message)$", RegexOptions.IgnoreCase)]
    private static partial Regex TextField();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
