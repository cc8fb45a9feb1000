namespace Julia.Doctors;

/// <summary>Redis keys owned by Doctors (runbook families `medico:*` and `contexto:medico:*`).</summary>
internal static class DoctorKeys
{
    public static string ByPhone(string telefone) => $"medico:telefone:{telefone}";
    public static string ById(Guid id) => $"medico:id:{id}";
    public static string Context(Guid id) => $"contexto:medico:{id}";

    /// <summary>The SCAN patterns of the two families (docs/decisions.md#lgpd, "Redis down during an erasure").</summary>
    public const string Family = "medico:*", ContextFamily = "contexto:medico:*";

    /// <summary>The doctor id a `medico:id:` or `contexto:medico:` key names; null for any other key.</summary>
    public static Guid? IdOf(string key) =>
        (key.StartsWith("medico:id:", StringComparison.Ordinal) ? key["medico:id:".Length..]
            : key.StartsWith("contexto:medico:", StringComparison.Ordinal) ? key["contexto:medico:".Length..] : null) is { } text
        && Guid.TryParseExact(text, "D", out var id) ? id : null;

    /// <summary>The phone a `medico:telefone:` key names (digits only); null for any other key.</summary>
    public static string? PhoneOf(string key) =>
        key.StartsWith("medico:telefone:", StringComparison.Ordinal) && key["medico:telefone:".Length..] is { Length: > 0 } phone
        && phone.All(char.IsAsciiDigit) ? phone : null;
}
