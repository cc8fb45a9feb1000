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
        // The name as every message Júlia sends on her own writes it (docs/decisions.md, "Textos"): "Dr. Rafael", "Rafael"
        // without a title, and no name at all — "Oi, tudo bem?" — when there is none ("Oi Dr(a), tudo bem?" read as a mail
        // merge, and the follow-ups after it already said "Oi, tudo bem?").
        var name = Doctors.DoctorSalutation.Of(r.Titulo, r.PrimeiroNome);
        var titled = name is not null && Doctors.DoctorSalutation.Title(r.Titulo) is not null;
        string Fill(string text) => (name is null ? WithoutName(text)
                : (titled ? TitleBeforeName().Replace(text, "") : text).Replace("{nome}", name))
            .Replace("{especialidade}", r.Especialidade ?? "sua especialidade")
            .Replace("{regiao}", r.Regiao ?? "sua região").Replace("{empresa}", company);
        // The specialty's greeting (especialidades.config.saudacao) is written by hand and never checked like a template:
        // one with a brace that is not a placeholder ("{Nome}", "{ nome }") or that names itself would reach the doctor
        // with the braces (an audit of what people read, 2026-12-04). The generic opening goes instead.
        var greeting = Fill(string.IsNullOrWhiteSpace(r.Greeting) || UnknownPlaceholders(r.Greeting).Count > 0
            || r.Greeting.Contains("{saudacao_especialidade}", StringComparison.Ordinal) ? GenericGreeting : r.Greeting);
        // {nome} carries the title: a template written "Oi Dr(a) {nome}" would read "Oi Dr(a) Dr. Rafael".
        return DoubleTitle().Replace(Fill(template.Replace("{saudacao_especialidade}", greeting)), "");
    }

    /// <summary>
    /// The template with {nome} left out for a doctor without a name, with what only made sense beside it: a title written
    /// before it and the comma or space that set it off ("Oi Dr(a) {nome}, tudo bem?" → "Oi, tudo bem?", "Olá, {nome}!"
    /// → "Olá!"); a sentence it opened starts with its next word ("{nome}, temos…" → "Temos…").
    /// </summary>
    static string WithoutName(string text)
    {
        var bare = TitleBeforeName().Replace(text, "");
        return NameInASentence().Replace(NameOpeningASentence().Replace(bare, m => m.Groups[1].Value.ToUpperInvariant()), "");
    }

    [GeneratedRegex(@"\{([a-zA-Z_]+)\}")]
    private static partial Regex Placeholder();

    /// <summary>
    /// Any title the template writes right before {nome}, however abbreviated: Dr./Dra./Dr(a), Sr./Sra./Srta./Sr(a),
    /// Prof./Profa./Prof(a)/Profª, Doutor(a), Senhor(a), Senhorita, Professor(a), Dom/Dona — left out with the name when there is none,
    /// and left out for the doctor's own when the record has one ("Oi Sr. {nome}" → "Oi Dr. Rafael"). Only "Dr(a)" and "Doutor"
    /// went before: "Oi Sr. {nome}, tudo bem?" read "Oi Sr. Tudo bem?" (its period taken for a sentence's end; an audit,
    /// 2026-12-05).
    /// </summary>
    [GeneratedRegex(@"\b(?:(?:Dr|Sr|Prof)\.?\((?:a|o)\)|(?:Dra?|Sra?|Srta|Profa?|Profe?)(?:\.?ª)?|Doutora?|Senhora?|Senhorita|Professora?|Dom|Dona)(?![\p{L}\d])\.?[ \t\u00A0]*(?=\{nome\})", RegexOptions.IgnoreCase)]
    private static partial Regex TitleBeforeName();

    /// <summary>{nome} opening the text or a sentence, with the comma after it; the next letter is kept, capitalised.</summary>
    [GeneratedRegex(@"(?<=(?:^|[.!?\n])[ \t]*)\{nome\}[ \t]*(?:[,;:.!?][ \t]*)?(\p{L})?")]
    private static partial Regex NameOpeningASentence();

    /// <summary>{nome} inside a sentence, with the comma or space that set it off.</summary>
    [GeneratedRegex(@"(?:[ \t]*,)?[ \t]*\{nome\}")]
    private static partial Regex NameInASentence();

    /// <summary>A title right before another title: the first one goes.</summary>
    [GeneratedRegex(@"\b(?:Dr\(a\)\.?|Dra?\.?|Doutora?)\s+(?=Dr\(a\)|Dra?\b|Doutora?\b)", RegexOptions.IgnoreCase)]
    private static partial Regex DoubleTitle();
}

/// <summary>One doctor of a campaign segment, with what the template needs.</summary>
internal sealed record CampaignRecipient(Guid MedicoId, string? Titulo, string? PrimeiroNome, string? Especialidade, string? Regiao, string? Greeting, bool FirstContact);
