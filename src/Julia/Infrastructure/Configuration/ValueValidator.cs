using System.Globalization;

namespace Julia.Infrastructure.Configuration;

/// <summary>Checks one variable's text by its kind. Returns a pt-BR problem description, or null when valid.</summary>
internal static class ValueValidator
{
    public static string? Check(EnvironmentVariable v, string value) => v.Kind switch
    {
        ValueKind.Url => IsHttpUrl(value) ? null : "precisa ser uma URL http(s) absoluta" + (v.Hint is null ? "" : $" ({v.Hint})"),
        ValueKind.PostgresUrl => ConnectionStrings.TryPostgres(value, out _, out var pgError) ? null : pgError,
        ValueKind.RedisUrl => ConnectionStrings.TryRedis(value, out _, out var redisError) ? null : redisError,
        ValueKind.Integer => CheckInteger(v, value),
        ValueKind.Decimal => TryDecimal(value, out _) ? null : "precisa ser um número (ex.: 0.7 ou 0,7)",
        ValueKind.Boolean => TryBool(value, out _) ? null : "precisa ser true ou false",
        ValueKind.TimeOfDay => TimeOnly.TryParseExact(value, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? null : "precisa ser uma hora HH:MM (ex.: 08:00)",
        ValueKind.Weekdays => Weekdays.TryParse(value, out _) ? null : "precisa ser dias ISO 1–7 em faixa ou lista (ex.: 1-5 ou 1,2,3,4,5)",
        ValueKind.LogLevel => LogLevels.TryParse(value, out _) ? null : LogLevels.Accepted,
        ValueKind.Choice => v.Choices!.Contains(value.ToLowerInvariant()) ? null : $"precisa ser um de: {string.Join(", ", v.Choices!)}",
        ValueKind.Dates => CheckDates(value),
        ValueKind.TimeZone => TimeZoneInfo.TryFindSystemTimeZoneById(value, out _) ? null : "precisa ser um fuso IANA (ex.: America/Sao_Paulo)",
        ValueKind.ListenHost => ListenHost(value) is null
            ? "precisa ser um IP desta máquina (127.0.0.1; 0.0.0.0 ou :: num container) ou localhost, sem porta nem http:// — um nome de host faria a Júlia escutar em todas as interfaces"
            : null,
        ValueKind.Prices => ModelPrices.TryRead(value, out _) ? null : "precisa ser modelo=entrada/saida (USD por milhão de tokens) separados por vírgula (ex.: claude-haiku=1/5,claude-sonnet=3/15)",
        _ => null,
    };

    /// <summary>The form the options classes bind: a boolean given as sim/não, yes/no, on/off or 1/0 becomes true/false.</summary>
    public static string Canonical(EnvironmentVariable v, string value) => v.Kind switch
    {
        ValueKind.Boolean when TryBool(value, out var b) => b ? "true" : "false",
        ValueKind.Decimal when TryDecimal(value, out var d) => d.ToString(CultureInfo.InvariantCulture),
        ValueKind.ListenHost when ListenHost(value) is { } host => host,
        // Checked without regard to case; a library reading the value itself (OTEL_EXPORTER_OTLP_PROTOCOL) may not be.
        ValueKind.Choice => value.ToLowerInvariant(),
        _ => value,
    };

    /// <summary>
    /// A number with a decimal point or, as a Brazilian operator writes it, a decimal comma: `LLM_TEMPERATURE=0,7` is 0.7.
    /// Read with the invariant culture's thousands separator it was 7, refused as "precisa estar entre 0 e 1" — a value
    /// the operator had written right (a conformance pass, 2026-12-06). No thousands separators: `1,000` is 1.
    /// </summary>
    public static bool TryDecimal(string value, out decimal result)
    {
        var text = value.Trim();
        if (text.Count(c => c == ',') == 1 && !text.Contains('.', StringComparison.Ordinal)) text = text.Replace(',', '.');
        return decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out result);
    }

    /// <summary>
    /// HOST as the listen URL needs it: an IP literal (an IPv6 one in brackets, `[::1]`), `localhost`, or `*` / `+`; null for
    /// anything else. Kestrel takes any other name as "every address": `HOST=julia.interna` listened on all interfaces,
    /// and `HOST=::1` or `HOST=127.0.0.1:8000` made a URL it could not read (a newcomer's pass, 2026-12-06).
    /// </summary>
    public static string? ListenHost(string value)
    {
        var text = value.Trim();
        if (text is "localhost" or "*" or "+") return text;
        var bare = text.StartsWith('[') && text.EndsWith(']') ? text[1..^1] : text;
        if (!System.Net.IPAddress.TryParse(bare, out var ip) || bare.Contains('%', StringComparison.Ordinal)) return null;
        // IPAddress.TryParse takes "127.1" and "1" as IPv4 shorthands: only the dotted quad someone means.
        if (ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && bare.Count(c => c == '.') != 3) return null;
        return ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{ip}]" : ip.ToString();
    }

    public static bool TryBool(string value, out bool result)
    {
        switch (value.Trim().ToLowerInvariant())
        {
            case "true" or "1" or "yes" or "sim" or "on": result = true; return true;
            case "false" or "0" or "no" or "nao" or "não" or "off": result = false; return true;
            default: result = false; return false;
        }
    }

    static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    static string? CheckInteger(EnvironmentVariable v, string value)
    {
        if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) return "precisa ser um número inteiro";
        if (n < v.Min || n > v.Max)
            return v.Max == int.MaxValue ? $"precisa ser ≥ {v.Min}" : $"precisa estar entre {v.Min} e {v.Max}";
        return null;
    }

    static string? CheckDates(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .All(d => DateOnly.TryParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            ? null : "precisa ser uma lista de datas AAAA-MM-DD separadas por vírgula";
}
