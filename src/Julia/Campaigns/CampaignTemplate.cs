using System.Text.RegularExpressions;

namespace Julia.Campaigns;

/// <summary>Campaign message templates (docs/decisions.md#proactive): placeholders {nome}, {especialidade}, {saudacao_especialidade}, {regiao}, {empresa}.</summary>
internal static partial class CampaignTemplate
{
    public static readonly string[] Placeholders = ["nome", "especialidade", "saudacao_especialidade", "regiao", "empresa"];

    public const string GenericGreeting = "Oi {nome}, tudo bem? Sou a Júlia, assistente virtual da equipe de escalas da {empresa}.";

    /// <summary>
    /// Placeholders the template uses that do not exist (each one a 400 at creation) — and any brace that is not a
    /// well-formed placeholder ("{ nome }", "{{nome}}", "{nome"): it would reach doctors as written.
    /// </summary>
    public static IReadOnlyList<string> UnknownPlaceholders(string template)
    {
        var unknown = Placeholder().Matches(template).Select(m => m.Groups[1].Value).Where(p => !Placeholders.Contains(p)).Distinct().ToList();
        var leftover = Placeholder().Replace(template, "");
        if (leftover.Contains('{') || leftover.Contains('}'))
            unknown.Add("chaves soltas (use {nome}, sem espaços nem chaves dobradas)");
        return unknown;
    }

    public static string Render(string template, CampaignRecipient r, string company)
    {
        // The name as Júlia writes it everywhere ("JOÃO" → "João"); without a title "Dr(a).", as the reference did.
        var first = Doctors.DoctorSalutation.FirstName(r.PrimeiroNome);
        var name = first is null ? "Dr(a)" : $"{Doctors.DoctorSalutation.Title(r.Titulo) ?? "Dr(a)."} {first}";
        string Fill(string text) => text
            .Replace("{nome}", name).Replace("{especialidade}", r.Especialidade ?? "sua especialidade")
            .Replace("{regiao}", r.Regiao ?? "sua região").Replace("{empresa}", company);
        // The specialty's greeting (especialidades.config.saudacao) is written by hand and never checked like a template:
        // one with a brace that is not a placeholder ("{Nome}", "{ nome }") or that names itself would reach the doctor
        // with the braces (an audit of what people read, 2026-12-04). The generic opening goes instead.
        var greeting = Fill(string.IsNullOrWhiteSpace(r.Greeting) || UnknownPlaceholders(r.Greeting).Count > 0
            || r.Greeting.Contains("{saudacao_especialidade}", StringComparison.Ordinal) ? GenericGreeting : r.Greeting);
        // {nome} carries the title: a template written "Oi Dr(a) {nome}" would read "Oi Dr(a) Dr. Rafael".
        return DoubleTitle().Replace(Fill(template.Replace("{saudacao_especialidade}", greeting)), "");
    }

    [GeneratedRegex(@"\{([a-zA-Z_]+)\}")]
    private static partial Regex Placeholder();

    /// <summary>A title right before another title: the first one goes.</summary>
    [GeneratedRegex(@"\b(?:Dr\(a\)\.?|Dra?\.?|Doutora?)\s+(?=Dr\(a\)|Dra?\b|Doutora?\b)", RegexOptions.IgnoreCase)]
    private static partial Regex DoubleTitle();
}

/// <summary>One doctor of a campaign segment, with what the template needs.</summary>
internal sealed record CampaignRecipient(Guid MedicoId, string? Titulo, string? PrimeiroNome, string? Especialidade, string? Regiao, string? Greeting, bool FirstContact);
