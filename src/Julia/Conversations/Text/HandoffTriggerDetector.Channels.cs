using System.Text.RegularExpressions;

namespace Julia.Conversations.Text;

/// <summary>
/// Fortieth blind set (docs/detection-history.md#triggers): a person of ours asked for in ways the older rules did not read — by
/// going to our office ("posso ir aí no escritório?", "vou passar na sede, com quem eu falo?"), by the role of our work at a place he names ("preciso falar com quem cuida
/// das escalas do hospital municipal de Osasco", "me coloca em contato com quem de vcs cuida da UPA Norte").
/// </summary>
internal static partial class HandoffTriggerDetector
{
    /// <summary>
    /// Our office visited to settle something in person. Not a place of the hospital's ("o escritório do hospital fica no
    /// segundo andar?", "vou passar no RH do hospital"), nor someone else's office (his accountant's, his lawyer's).
    /// </summary>
    [GeneratedRegex(@"\b(posso|podia|poderia|da para|queria|quero|gostaria de|vou|tem como|preciso|prefiro) (ir|passar|dar um pulo|aparecer|ir pessoalmente)( ai| la)? (no|na|em) (escritorio|sede)( de voces| da empresa| dai)?\b(?! (do|da|de) (meu |minha |seu |sua )?(hospital|clinica|upa|ubs|contador|contadora|contabilidade|advogado|advogada|prefeitura|banco|faculdade)\b)" +
        @"|\b(voces tem|tem|qual o endereco do|qual o endereco da|onde fica o|onde fica a) (um |uma )?(escritorio|sede)( de voces| da empresa)?\b(?! (do|da) (hospital|clinica|upa))(?=.*\bpessoalmente\b)" +
        @"|\b(ir|passar|falar|conversar|resolver( isso)?) pessoalmente\b(?!(?: \w+){0,4} (no|na|com o|com a) (hospital|clinica|upa|ubs|coordenador|coordenadora|diretor|diretora|paciente)\b)",
        RegexOptions.CultureInvariant)]
    private static partial Regex VisitsOurOffice();

    /// <summary>
    /// The standing role of our work at a place he names, wanted — "preciso falar com quem cuida das escalas do hospital
    /// municipal de Osasco": making a hospital's scales, shifts and payments is the job we do for it, so whoever holds it is
    /// ours, whatever hospital follows. Or ours said outright ("com quem de vcs cuida da UPA Norte"). Not his own errand ("vou
    /// falar com quem cuida da escala do hospital amanhã"), not one act on the hospital's scale, which anyone there may have
    /// done ("preciso falar com quem fechou a escala do hospital", `neutro` since the twenty-seventh set), nor a role the
    /// hospital's by its title ("o coordenador do PS").
    /// </summary>
    [GeneratedRegex(@"\b(quero|queria|preciso|precisava|gostaria de|gostaria|tem como|da para|posso|podia) (falar|conversar|tratar|trocar uma ideia|resolver isso) com quem (\w+ )?" + StandingRole + @" (a |as |o |os |da |das |do |dos )?(escala|escalas|plantao|plantoes|pagamento|pagamentos|repasse|repasses)\b" +
        @"|\b(falar|conversar|tratar|fala|falo|resolver isso|contato|trocar uma ideia) com quem (de voces|ai de voces|de voces ai|da empresa|dai|da sua equipe|da equipe) (\w+ )?" + Role + @"\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex OurRoleAtAPlace();

    /// <summary>A role held, in the present: what someone does for the hospital week after week.</summary>
    const string StandingRole = @"(cuida|organiza|monta|fecha|faz|coordena|gerencia|administra|controla|distribui|define|paga|lanca)";

    static readonly System.Buffers.SearchValues<string> ChannelWords = System.Buffers.SearchValues.Create(
        ["escritorio", "sede", "pessoalmente", "quem "], StringComparison.Ordinal);

    static bool AsksThroughChannelOrPlace(string t) =>
        t.AsSpan().ContainsAny(ChannelWords) && (VisitsOurOffice().IsMatch(t) || OurRoleAtAPlace().IsMatch(t));
}
