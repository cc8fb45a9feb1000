namespace Julia.Doctors;

/// <summary>Redis keys owned by Doctors (runbook families `medico:*` and `contexto:medico:*`).</summary>
internal static class DoctorKeys
{
    const string PhonePrefix = "medico:telefone:", IdPrefix = "medico:id:", ContextPrefix = "contexto:medico:";

    public static string ByPhone(string telefone) => PhonePrefix + telefone;
    public static string ById(Guid id) => $"{IdPrefix}{id}";
    public static string Context(Guid id) => $"{ContextPrefix}{id}";

    /// <summary>The SCAN patterns of the two families (docs/decisions.md#lgpd, "Redis down during an erasure").</summary>
    public const string Family = "medico:*", ContextFamily = ContextPrefix + "*";

    /// <summary>The doctor id a `medico:id:` or `contexto:medico:` key names; null for any other key.</summary>
    public static Guid? IdOf(string key) =>
        (After(key, IdPrefix) ?? After(key, ContextPrefix)) is { } text && Guid.TryParseExact(text, "D", out var id) ? id : null;

    /// <summary>The phone a `medico:telefone:` key names (digits only); null for any other key.</summary>
    public static string? PhoneOf(string key) =>
        After(key, PhonePrefix) is { Length: > 0 } phone && phone.All(char.IsAsciiDigit) ? phone : null;

    static string? After(string key, string prefix) => key.StartsWith(prefix, StringComparison.Ordinal) ? key[prefix.Length..] : null;
}
