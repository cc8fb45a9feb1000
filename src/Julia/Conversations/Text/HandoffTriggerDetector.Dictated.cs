using System.Text.RegularExpressions;

namespace Julia.Conversations.Text;

/// <summary>
/// Fiftieth blind set (docs/detection-history.md#triggers): legal steps as dictation and plain speech give them — "vou reclamar no pro
/// com" (the voice transcription splitting "Procon"), "procom"; "vocês vão responder na vara do trabalho", "vou protestar em
/// cartório", "vou chamar o sindicato dos médicos", "vão ser processados" (plural: not "o pix de vocês vai ser processado") — and what reads as legal but is not: a news story
/// ("vi uma notícia de um processo contra um hospital") or a public-health report ("a denúncia de dengue aumentou").
/// </summary>
internal static partial class HandoffTriggerDetector
{
    /// <summary>
    /// "no pro com" (normalised "no para o com"; fifty-fourth blind set: also "no pro con"), "procom" read as "procon"; the text as it was when neither is there. "para o
    /// com" is the body only after "no", "ao", "do", "pelo" or closing the message ("vou reclamar pro com").
    /// </summary>
    // Fifty-second blind set: "vo na justissa" — the court as dictation spells it ("justissa", "justisa") is the court.
    static string DictatedBodies(string t) =>
        t.Contains("para o co", StringComparison.Ordinal) || t.Contains("procom", StringComparison.Ordinal) || t.Contains("justis", StringComparison.Ordinal)
            ? DictatedProcon().Replace(t, m => m.Value[0] == 'j' ? "justica" : "procon") : t;

    [GeneratedRegex(@"(?<=\b(?:no|ao|do|pelo|o) )para o co[mn]\b|(?<=\bpara o )co[mn]$|\bprocom\b|\bjustis{1,2}a\b", RegexOptions.CultureInvariant)]
    private static partial Regex DictatedProcon();

    [GeneratedRegex(
        // "vocês vão responder na vara do trabalho", "vou levar pra vara do trabalho".
        @"\b(?:responder|responderao|vao responder|vai responder|acionar|aciono|levar|levo|entrar|entro|reclamar)\b(?: \w+){0,4}? (?:na|a|pela|ate a|para a|para) vara (?:do|da) (?:trabalho|civel|federal|justica)\b" +
        // "vou protestar o pagamento em cartório".
        @"|\bprotest(?:ar|o|arei|ando|em)\b(?: \w+){0,4}? (?:em|no) cartorio\b" +
        // "vou chamar o sindicato dos médicos".
        @"|\b(?:chamar|chamo|acionar|aciono|levar|levo|denunciar|reclamar)\b(?: \w+){0,3}? (?:o|ao|no|para o|pro) sindicato (?:dos medicos|medico|da categoria)\b" +
        // "vão ser processados", "vocês vão ser processados" (not "os dados vão ser processados").
        @"|(?:^|(?<!\bde )\b(?:voces|vcs|todos|todos voces) )(?:vao|irao) ser processad[oa]s\b|\b(?:voces|vcs) serao processad[oa]s\b" +
        // "a pessoa jurídica de vocês vai ser processada" — the company by its name (not "o pix de vocês vai ser processado").
        @"|\b(?:empresa|pessoa juridica|cnpj)(?: de voces| de vcs)? (?:vai|vao|ira|irao) ser processad[oa]s?\b" +
        // "vou protestar vocês" — a debt protested against them (the typo fix no longer reads "protestar" as "processar").
        @"|\bprotest(?:ar|o|arei|amos|ando) (?:voces|vcs|a empresa|essa empresa|o cnpj|a agencia)\b" +
        // Fifty-second blind set: "quero formalizar uma reclamação" — the formal complaint said with the verb.
        @"|\bformaliz(?:ar|o|ei|arei|ando|e|em)\b(?: \w+){0,2}? (?:reclamacao|queixa|denuncia)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex LegalDictated();

    static readonly System.Buffers.SearchValues<string> LegalDictatedWords = System.Buffers.SearchValues.Create(
        ["vara ", "cartorio", "sindicato", "processad", "protest", "formaliz"], StringComparison.Ordinal);

    static bool MayBeLegalDictated(string t) => t.AsSpan().ContainsAny(LegalDictatedWords);

    /// <summary>"a denúncia de dengue aumentou": a report of disease, not a step of his (checked after the legal word).</summary>
    static bool HealthReport(string t, int end) => end < t.Length && HealthReportAfter().IsMatch(t.AsSpan(end));

    [GeneratedRegex(@"^ (?:de|sobre) (?:dengue|focos?|casos?|surtos?|zika|chikungunya|covid|gripe|sarampo|doencas?)\b", RegexOptions.CultureInvariant)]
    private static partial Regex HealthReportAfter();
}
