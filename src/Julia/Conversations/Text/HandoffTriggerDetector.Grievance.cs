using System.Text.RegularExpressions;
using Julia.Infrastructure.Text;

namespace Julia.Conversations.Text;

/// <summary>
/// Forty-fourth blind set (docs/detection-history.md#triggers): money gone wrong — "vocês estão de brincadeira, o pagamento atrasou de
/// novo" (their mockery of him, with the grievance that aims it at us) — and the legal steps doctors name plainly ("isso é fraude
/// trabalhista", "vou acionar vcs", "vou levar isso pro CFM", "vou proc vcs"), with the same words that take no step: being at the
/// police station on his own business, a hospital's trouble with the courts, a certificate of no ethics proceedings.
/// </summary>
internal static partial class HandoffTriggerDetector
{
    /// <summary>
    /// "vcs tão de brincadeira, o pagamento atrasou de novo", "o pagamento atrasou, vocês só podem estar de sacanagem" — "vocês
    /// estão de brincadeira" alone stays `neutro` (as "vocês estão de sacanagem" is in the corpus: amazement reads the same, "vcs
    /// tão de brincadeira, esse valor é ótimo"); a payment late, missing or short in the same message aims it at us.
    /// </summary>
    static bool MockeryOverAGrievance(string t) =>
        t.Contains("voce", StringComparison.Ordinal) && t.AsSpan().ContainsAny(MockeryWords) && TheirMockery().IsMatch(t) && MoneyGrievance().IsMatch(t)
        && !Delight().IsMatch(t) && !MockeryPraise().IsMatch(t);

    /// <summary>
    /// Their mockery in one line and the grievance in the other ("vcs estão de brincadeira" / "o pagamento atrasou de novo"):
    /// anger a turn reads over its lines by design, as two strong words in two lines (TurnTriggerTests).
    /// </summary>
    internal static bool MockeryAndGrievanceApart(string one, string other)
    {
        var (a, b) = (PtBrText.Normalise(one), PtBrText.Normalise(other));
        return (TheirMockery().IsMatch(a) && MoneyGrievance().IsMatch(b)) || (TheirMockery().IsMatch(b) && MoneyGrievance().IsMatch(a));
    }

    static readonly System.Buffers.SearchValues<string> MockeryWords = System.Buffers.SearchValues.Create(
        ["brincadeira", "sacanagem", "palhacada", "zoeira", "gozacao"], StringComparison.Ordinal);

    [GeneratedRegex(@"\b(voces|voce)( (so )?(podem|pode|devem|deve))?( (estao|tao|ta|esta|estar))? (de|fazendo) (brincadeira|sacanagem|palhacada|zoeira|gozacao)\b", RegexOptions.CultureInvariant)]
    private static partial Regex TheirMockery();

    /// <summary>A payment of his late, missing or short: "atrasou de novo", "3 meses sem receber", "não caiu", "faltou o adicional".</summary>
    [GeneratedRegex(@"\b(pagamento|repasse|dinheiro|pix|deposito|salario|adicional|plantoes?)( \w+){0,3} (atrasou|atrasado|atrasada|atrasaram|nao caiu|nao veio|veio errado|veio menor|veio a menos|faltando|sumiu)\b" +
        @"|\b(atrasou|atrasaram|atrasado|atrasada|atrasar) (de novo|outra vez|mais uma vez|novamente|o pagamento|meu pagamento|o repasse|meu repasse)\b" +
        @"|\b(\d+|dois|tres|quatro|cinco|seis) (meses|mes|semanas) (sem|esperando) (receber|pagamento|o pagamento|repasse|o repasse|meu dinheiro)\b" +
        @"|\b(ainda )?nao (caiu|recebi|pagaram|pagou|depositaram|repassaram) (nada|o pagamento|meu pagamento|o repasse|meu dinheiro|os plantoes|o adicional)\b" +
        @"|\bcade (o|meu) (dinheiro|pagamento|repasse)\b|\bfaltou (o|meu) (adicional|pagamento|repasse)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex MoneyGrievance();

    [GeneratedRegex(@"\b(otim[oa]|maravilh\w*|que valor|valor bom|quero|aceito|adoro|amei|obrigad[oa]|valeu|ja caiu|caiu certinho|que rapido)\b", RegexOptions.CultureInvariant)]
    private static partial Regex MockeryPraise();

    [GeneratedRegex(
        // "isso é fraude trabalhista", "pejotização ilegal" — the labour fraud named is his claim.
        @"\bfraude (trabalhista|contra o trabalhador|contra os medicos|na contratacao)\b|\bpejotizacao (ilegal|disfarcada|fraudulenta)\b" +
        // "vou acionar vcs", closing the message (not "vou acionar vcs amanhã pra confirmar", calling on us).
        @"|\b(vou|irei|vamos|eu vou) acionar (voces|voce|a empresa|essa empresa)$" +
        // "vou levar isso pro CFM" — the federal council beside the regional ones.
        @"|\b(levar|levo|levarei|levando|leva)\b(?: \w+){0,3}? (ao|para o|ate o|junto ao|perante o) cfm\b" +
        // "vou proc vcs" — "proc" as doctors shorten "processar" before the one sued (not "o proc cirúrgico").
        @"|\b(vou|vo|irei|vamos|eu) proc (voces|voce|a empresa|essa empresa|vcs)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex LegalPlain();

    static readonly System.Buffers.SearchValues<string> LegalPlainWords = System.Buffers.SearchValues.Create(
        ["fraude", "pejotizacao", "acionar", "cfm", " proc "], StringComparison.Ordinal);

    static bool MayBeLegalPlain(string t) => t.AsSpan().ContainsAny(LegalPlainWords);

    /// <summary>
    /// A legal word that takes no step of his: at the police station on his own business ("estou na delegacia resolvendo um
    /// problema pessoal"; not "vou na delegacia"), a hospital's trouble with the courts ("o hospital tá com problema na
    /// justiça?"), a certificate asked about ("preciso de certidão negativa de processo ético?").
    /// </summary>
    static bool NoStepOfHis(string t, int at, int length)
    {
        var word = t.AsSpan(at, length);
        var before = t.AsSpan(0, at);
        if (word.SequenceEqual("na delegacia") && AtThePolice().IsMatch(before)) return !t.Contains("voces", StringComparison.Ordinal) && !t.Contains("empresa", StringComparison.Ordinal) && !t.Contains("contra", StringComparison.Ordinal);
        if (word.StartsWith("justica") && PlaceInTrouble().IsMatch(before)) return !t.Contains("voces", StringComparison.Ordinal);
        return word.StartsWith("process") && Certificate().IsMatch(before);
    }

    [GeneratedRegex(@"\b(estou|to|estava|fiquei|ainda estou|passei (o dia|a manha|a tarde|a noite)|acabei de sair)( aqui| ainda| agora| hoje)? $", RegexOptions.CultureInvariant)]
    private static partial Regex AtThePolice();

    [GeneratedRegex(@"\b(hospital|clinica|upa|ubs|maternidade|santa casa|prefeitura|cooperativa)( \w+){0,3} (ta|esta|anda|tem|teve|tinha|estava)( com)? (algum |alguns )?(problema|problemas|rolo|pendencia|pendencias) (na|com a) $", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceInTrouble();

    [GeneratedRegex(@"\b(certidao|certidoes|declaracao|atestado|nada consta)( negativa| negativas| de nada consta)? (de|do|da|dos) $", RegexOptions.CultureInvariant)]
    private static partial Regex Certificate();
}
