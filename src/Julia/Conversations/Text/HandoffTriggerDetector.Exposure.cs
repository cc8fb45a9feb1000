using System.Text.RegularExpressions;

namespace Julia.Conversations.Text;

/// <summary>
/// Fifty-sixth blind set (docs/detection-history.md#triggers): their name taken to the press or the networks in the forms the earlier
/// sets missed — "vou no jornal", "vou mandar pra Globo", "vou ligar pra TV", "vou viralizar isso", "vou te expor no insta" —
/// the company called a gang ("vocês são uma quadrilha") or shameless to its face ("cara de pau vocês"), and cursing emojis
/// aimed at the readers with nothing else ("🖕🖕 vcs"). Public exposure is anger, as the twenty-first set decided.
/// </summary>
internal static partial class HandoffTriggerDetector
{
    [GeneratedRegex(
        // "vou no jornal", "vou na Globo", "vou mandar pra TV", "vou ligar pra Record" (not "vi no jornal", "saiu na TV").
        @"\b(vou|vamos|irei) (no|na|ao|a|para o|para a|direto no|direto na|direto para o|direto para a) (jornal|jornais|imprensa|midia|tv|televisao|globo|record|sbt|band|fantastico|reportagem|jornalista|jornalistas)\b" +
        @"|\b(vou|vamos|irei) (mandar|enviar|levar|contar|denunciar|ligar)( isso| tudo| tudo isso| o caso| essa historia)? (para|na|no|pra) (a |o )?(tv|televisao|globo|record|sbt|band|fantastico|jornal nacional|emissora|jornal|jornais|jornalista|jornalistas)\b" +
        // "vou viralizar isso no tiktok" (not "vou viralizar a vaga kkk").
        @"|\b(vou|vamos|irei) viralizar\b(?!(?: \w+){0,3} (vaga|vagas|plantao|plantoes|oportunidade|oportunidades)\b)" +
        // "vou te expor no insta" — Júlia, the company, exposed.
        @"|\b(vou|vamos|irei) te (expor|difamar|detonar|queimar)\b" +
        // "vocês são uma quadrilha", "essa empresa é uma máfia" — called a gang.
        @"|\b(voces|vcs|essa empresa|a empresa|essa agencia|isso aqui) (sao|e) (uma |um bando de |uma )?(quadrilha|mafia|organizacao criminosa)\b" +
        // "cara de pau vocês hein", "que cara de pau de vocês" closing the message (not "que cara de pau", with no one named, nor
        // "que cara de pau" then "vocês não têm vergonha?" read together).
        @"|\bcara de pau (de )?(voces|vcs|dessa empresa|essa empresa)( hein| hem| viu| mesmo| ne)*$",
        RegexOptions.CultureInvariant)]
    private static partial Regex VeryStrong23();

    /// <summary>"🖕🖕 vcs", "🤬🤬 pra vocês": the text with its emojis taken out is only who they are aimed at.</summary>
    static bool OnlyWhoTheRageIsAimedAt(string t) =>
        t.Length <= 24 && AimedAtUs().IsMatch(t);

    [GeneratedRegex(@"^(e )?(para )?(voces|vcs|voce|essa empresa|a empresa|essa agencia|julia|voces todos|todos voces|todos)( tambem)?$", RegexOptions.CultureInvariant)]
    private static partial Regex AimedAtUs();
}
