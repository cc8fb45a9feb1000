namespace Julia.Shifts;

/// <summary>
/// A hospital as a person reads it, with its city when the catalogue has one: "Hospital São Luiz (Santo André)", and
/// "Hospital São Luiz" alone when `hospitais.cidade` is empty or null — never "Hospital São Luiz ()" (an audit of what
/// people read, 2026-12-05: a follow-up and a Chatwoot line wrote the empty parentheses; Slack had its own guard).
/// Every text that names a hospital with its city goes through here (docs/decisions.md, "Textos").
/// </summary>
internal static class HospitalPlace
{
    public static string Of(string? hospital, string? city)
    {
        var name = hospital ?? "";
        return string.IsNullOrWhiteSpace(city) ? name : $"{name} ({city.Trim()})";
    }
}
