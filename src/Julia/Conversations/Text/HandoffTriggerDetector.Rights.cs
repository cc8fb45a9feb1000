using System.Text.RegularExpressions;
using Julia.Handoffs;

namespace Julia.Conversations.Text;

/// <summary>
/// Sixtieth blind set (docs/detection-history.md#triggers): his rights claimed in more verbs ("isso fere meus direitos", "quero
/// meus direitos"), harassment by us told ("vocês estão me assediando"), a bad review threatened ("vou deixar uma avaliação
/// péssima no google"); and the look-alikes of legal words it found read as steps — "em processo" as in progress ("meu cadastro
/// está em processo?", "em que parte do processo estou?"), a legal step denied ("não é caso de justiça"), the patient's bulletin
/// ("boletim médico"), a police report of his own loss ("perdi meus documentos, fiz BO"), and a question taken back as a joke
/// ("isso é assédio? não, tô brincando" — the "não," closing the question is no "não tô brincando").
/// </summary>
internal static partial class HandoffTriggerDetector
{
    [GeneratedRegex(
        // "isso fere meus direitos", "vocês estão violando meus direitos", "quero meus direitos" (not "quais são meus direitos?").
        @"\b(fere|ferem|feriu|ferindo|viola|violam|violou|violaram|violando|desrespeita|desrespeitam|desrespeitou|desrespeitaram|desrespeitando|tiraram|tirando) (os |todos os )?meus direitos\b" +
        @"|\b(quero|exijo|exigo|reivindico|cobro|vou cobrar) (os |todos os )?meus direitos( (trabalhistas|de volta|garantidos))?( agora| ja)?$" +
        // "vocês estão me assediando", "essa empresa me assedia" — harassment by us (not "o paciente me assediou": the reported-speech rule).
        @"|\b(voces|voce|essa empresa|a empresa|essa agencia)( estao| esta| ficam| vivem| so)? me (assediando|assediar|assedia|assediam|assediou|assediaram)\b" +
        // Sixty-second blind set: "vou te colocar no trabalhista", "isso é violação da LGPD".
        @"|\b(colocar|botar|meter|levar|jogar)( \w+){0,2} no trabalhista\b|\b(violacao|violacoes|infracao|crime contra)( (a|da|de))? (lgpd|lei geral de protecao de dados)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex LegalMore8();

    [GeneratedRegex(
        // "vou deixar uma avaliação péssima no google pra vcs", "vou dar nota zero no Reclame…" — a bad review threatened.
        @"\b(vou|vamos|irei) (deixar|dar|colocar|postar|escrever|fazer) (uma |um )?(avaliacao|avaliacoes|review|resenha|comentario) (pessima|pessimo|negativa|negativo|horrivel|ruim|baixa|baixo)\b" +
        @"|\b(vou|vamos|irei) (deixar|dar|colocar|postar|escrever|fazer) (uma |um )?(avaliacao|review|resenha) (de voces |sobre voces |para voces |da empresa )?(no|na) (google|maps|glassdoor|indeed|linkedin|facebook|instagram)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex VeryStrong24();

    /// <summary>
    /// A legal word the message holds only in a look-alike above ("está em processo", "não é caso de justiça", "boletim médico",
    /// "perdi meus documentos, fiz BO"): blanked out, the message takes no legal step.
    /// </summary>
    static bool LegalWordInAnotherSense(string t) =>
        t.AsSpan().ContainsAny(OtherLegalSenseWords) && OtherLegalSense().Match(t) is { Success: true } m && OnlyInside(m, t, HandoffTriggers.Legal);

    static readonly System.Buffers.SearchValues<string> OtherLegalSenseWords = System.Buffers.SearchValues.Create(
        ["em processo", "do processo", "nao e caso", "nao eh caso", "boletim", "perdi", "extravi", "roubaram", "furtaram", "levaram", "peric", "perit", "greve"], StringComparison.Ordinal);

    [GeneratedRegex(
        @"\b(esta|ta|estao|tao|ainda|segue|continua|fica|ficou|ja) em processo\b(?! (contra|judicial|trabalhista|na justica|no crm|no procon))" +
        @"|\b(em )?(que|qual) (parte|etapa|fase|pe|ponto) (do|esta o|ta o|anda o) processo\b(?! (contra|judicial|trabalhista|na justica|no crm|no procon))" +
        @"|\bnao (e|eh|era|sera|vai ser) (caso|questao|assunto|coisa) (de|para) (justica|processo|advogado|policia|procon|juridico|tribunal)\b" +
        @"|\bboletim (medico|clinico|epidemiologico|de saude|do paciente|da paciente|dos pacientes|diario|informativo)\b" +
        // Sixty-second blind set: "faço perícia médica judicial" — the doctor's work for the courts, a kind of shift.
        @"|\b(pericia|pericias|perito|perita|peritos|peritas)( (medica|medico|medicas|medicos))? (judicial|judiciais|trabalhista|trabalhistas)\b" +
        // "a justiça do trabalho tá em greve" — a court on strike, news.
        @"|\b(justica|tribunal|forum|procon|ministerio publico|defensoria)( do trabalho| federal| estadual)? (esta|ta|estao|tao|entrou|entraram|segue|continua) em greve\b" +
        @"|\b(perdi|extraviei|extraviaram|me roubaram|me furtaram|levaram)( (o|a|os|as|meu|minha|meus|minhas))? (documentos?|carteira|celular|rg|cnh|carteirinha|bolsa|mochila|notebook|carro|moto|chave|chaves)\b(?: \w+){0,3}? (fiz|registrei|fazer|registrar|abri|tirei) (um |o )?(bo|b o|boletim( de ocorrencia)?)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex OtherLegalSense();

    /// <summary>"isso é assédio? não, tô brincando": the question answered "não," and taken back as a joke (not "não tô brincando").</summary>
    [GeneratedRegex(@"(?i)(?<![\p{L}])(?:n[aã]o|nao|ñ)\s*[,.!;…-]+\s*(?:(?:t[oô]|tou|estou|s[oó]|s[oó] t[oô]|s[oó] estou|era|[eé] s[oó])\s+brincando|(?:[eé] |era |foi )?(?:s[oó] )?brincadeira)\b", RegexOptions.CultureInvariant)]
    private static partial Regex NoJustKidding();
}
