using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Julia.Infrastructure.Http;

namespace Julia.WhatsApp;

/// <summary>
/// EVOLUTION_WEBHOOK_TOKEN checks (docs/decisions.md#security): query `?token=`, a static header configured on the Evolution
/// webhook (`X-Webhook-Token`, `token`, or `Authorization: Bearer &lt;token&gt;`), or the HS256 JWT that Evolution ≥ 2.3
/// sends in `Authorization: Bearer` when the webhook's `jwt_key` is the same token.
/// </summary>
internal static class WebhookAuthenticator
{
    public static bool IsAuthorized(HttpRequest request, string token, DateTimeOffset now) =>
        Presented(request).Any(given => WebhookRequests.SecretMatches(given, token))
        || (WebhookRequests.Bearer(request) is { } bearer && IsValidJwt(bearer, token, now));

    /// <summary>Whether the request carries a token at all, right or wrong, in any of the places it is read from.</summary>
    public static bool CarriesToken(HttpRequest request) => Presented(request).Any(given => !string.IsNullOrEmpty(given));

    /// <summary>Every place a token is read from: `?token=`, `X-Webhook-Token`, `token`, `Authorization: Bearer`.</summary>
    static IEnumerable<string?> Presented(HttpRequest request)
    {
        yield return QueryToken(request).Token;
        yield return request.Headers["X-Webhook-Token"];
        yield return request.Headers["token"];
        yield return WebhookRequests.Bearer(request);
    }

    /// <summary>
    /// The `?token=` of the request, and the event Evolution's "webhook by events" appended to it. Evolution builds that
    /// address by adding `/{event}` to the configured URL after its query string, so `…/webhook/evolution?token=T` arrives
    /// as `?token=T/messages-upsert` (docs/decisions.md#security). A suffix that is not an event name stays part of the token.
    /// </summary>
    public static (string? Token, string? Event) QueryToken(HttpRequest request)
    {
        string? given = request.Query["token"];
        var slash = given?.IndexOf('/') ?? -1;
        if (slash < 0) return (given, null);
        var suffix = given![(slash + 1)..];
        return suffix.Length is > 0 and <= 40 && suffix.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? (given[..slash], suffix) : (given, null);
    }

    /// <summary>
    /// HS256 signature with the token as key, an `exp` claim not in the past and, when present, an `nbf` claim not in the
    /// future (one minute of clock skew each way). A JWT without
    /// a numeric `exp` is refused: a token valid forever would be a second, unrevocable password. Any malformed part is a
    /// refusal, never an exception.
    /// </summary>
    public static bool IsValidJwt(string jwt, string key, DateTimeOffset now)
    {
        var parts = jwt.Split('.');
        if (parts.Length != 3) return false;
        try
        {
            using (var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0])))
                if (header.RootElement.ValueKind != JsonValueKind.Object
                    || !header.RootElement.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String || alg.GetString() != "HS256")
                    return false;
            var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"));
            if (!CryptographicOperations.FixedTimeEquals(expected, Base64Url.DecodeFromChars(parts[2]))) return false;
            using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            return payload.RootElement.ValueKind == JsonValueKind.Object
                   && payload.RootElement.TryGetProperty("exp", out var exp) && Epoch(exp) is { } expires && expires > now.AddMinutes(-1)
                   && (!payload.RootElement.TryGetProperty("nbf", out var nbf) || Epoch(nbf) is { } notBefore && notBefore <= now.AddMinutes(1));
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException or ArgumentException)
        {
            return false;
        }
    }

    /// <summary>A NumericDate claim (whole seconds since 1970, before year 10000), else null.</summary>
    static DateTimeOffset? Epoch(JsonElement claim) =>
        claim.ValueKind == JsonValueKind.Number && claim.TryGetInt64(out var seconds) && seconds is > 0 and < 253_402_300_799
            ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
}
