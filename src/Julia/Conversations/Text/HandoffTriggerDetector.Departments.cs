using System.Text.RegularExpressions;

namespace Julia.Conversations.Text;

/// <summary>
/// Forty-fourth blind set (docs/detection-history.md#triggers): a person of ours asked for through a department or what that person
/// does — the message forwarded to the financeiro, a contact with whoever does the payroll, a team's e-mail said to be ours,
/// someone of a team asked to look at his case, whoever handles a hospital for us — and what only looks like it: a call of
/// ours that came or was missed, the doctor's own errand before he answers, the bot's answers praised.
/// </summary>
internal static partial class HandoffTriggerDetector
{
    /// <summary>A team of ours by its name (the hospital's own teams are told by <see cref="NotTheirs"/> after it).</summary>
    const string Department = @"(setor )?(financeiro|rh|recursos humanos|coordenacao|comercial|escala|escalas|setor de escalas|cadastro|credenciamento|pagamento|pagamentos|administrativo|juridico de voces)";

    static bool DepartmentAsked(string t) => t.AsSpan().ContainsAny(DepartmentWords) && Departments().IsMatch(t);

    /// <summary>Words one of which every alternative of <see cref="Departments"/> needs.</summary>
    static readonly System.Buffers.SearchValues<string> DepartmentWords = System.Buffers.SearchValues.Create(
        ["encaminh", "transf", "repass", "contato com quem", "mail", "whats", "telefone", "numero", "que alguem", "que uma pessoa", "que um humano", "que o pessoal", "que a equipe", "quem cuida"],
        StringComparison.Ordinal);

    [GeneratedRegex(
        // "encaminha pro financeiro por favor", "pode encaminhar minha dúvida pra coordenação" — the message handed to a team of
        // ours (not "vou encaminhar pro financeiro o comprovante", his own errand with the thing he sends).
        @"(?<!\b(vou|vamos|irei|eu|ja|acabei de|tenho que|preciso) )\b(encaminha|encaminhe|encaminhem|encaminhar|transfere|transfira|transferir|repassa|repasse|repassar)( (isso|minha duvida|minha pergunta|minha mensagem|essa mensagem|meu caso|minha questao|essa questao|meu pedido|minha solicitacao))? (para o|para a|ao|a|para) " + Department + @"\b" + NotTheirs + @"(?! (o|a|os|as|meu|minha|meus|minhas|esse|essa|este|esta)\b)" +
        // "pode encaminhar minha dúvida pra um humano?" — the matter handed to a person.
        @"|(?<!\b(vou|vamos|irei|eu|ja) )\b(encaminha|encaminhe|encaminhar|transfere|transfira|transferir|repassa|repassar)( (isso|minha duvida|minha pergunta|minha mensagem|essa mensagem|meu caso|minha questao|essa questao|meu pedido|minha solicitacao|essa conversa|a conversa|minha conversa))? para (um|uma|algum|alguma) (humano|humana|pessoa|atendente)\b" + ToStandIn +
        // "me coloca em contato com quem faz a folha" — a contact with whoever does a job of ours, not at a hospital.
        @"|\b(me )?(coloca|coloque|poe|bota|passa|passe|da|de|quero|queria|preciso|gostaria de) (em )?contato com quem (\w+ )?" + Role + @"\b(?!(?: \w+){0,4} (do|da|dos|das|no|na) (hospital|hospitais|clinica|upa|ubs|ps|pa|uti|pronto socorro|maternidade|santa casa|banco|prefeitura|condominio|faculdade|residencia|convenio|plano)\b)" +
        // "me passa o email do financeiro de vcs" — a team's channel said to be ours (not where a document goes).
        @"|\b(email|e mail|whats|whatsapp|telefone|numero|contato)( direto)? (do|da) " + Department + @" (de voces|dai|ai|da empresa)\b(?! para (mandar|enviar|eu mandar|eu enviar))" +
        // "preciso que alguém do financeiro veja meu caso" — someone of ours asked to look at it or answer him.
        @"|\b(preciso|quero|queria|gostaria|gostaria muito) que (alguem|uma pessoa|um humano|o pessoal|a equipe)( (do|da) " + Department + @")?" + NotTheirs + @" (veja|olhe|analise|resolva|avalie|verifique|cheque|confira|me ajude|me explique|me responda|me atenda|me retorne|de uma olhada|visse|olhasse|analisasse|resolvesse|avaliasse|verificasse|conferisse|me ajudasse|me explicasse|me respondesse|me atendesse|me retornasse|desse uma olhada)\b" +
        // "preciso falar com quem cuida do hospital regional" — whoever handles a hospital for us, wanted (not "vou falar com…",
        // his own errand, nor "quem cuida do paciente").
        @"|\b(quero|queria|preciso|precisava|gostaria de|posso|da para|tem como) (falar|conversar|tratar|resolver isso) com quem cuida (do|da) (hospital|clinica|upa|ubs|maternidade|santa casa|unidade|conta)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex Departments();

    /// <summary>
    /// "vou falar com a equipe e te aviso", "vou conversar com o pessoal e já te respondo" — the doctor's own people consulted
    /// before he answers Júlia, not one of ours asked for (unless the message wants someone elsewhere).
    /// </summary>
    static bool OwnErrandThenBack(string t) =>
        (t.StartsWith("vou ", StringComparison.Ordinal) || t.Contains(" vou ", StringComparison.Ordinal) || t.Contains("deixa eu", StringComparison.Ordinal)
         || t.Contains("vamos", StringComparison.Ordinal) || t.Contains("preciso", StringComparison.Ordinal)) && OnlyThis(ErrandThenBack(), t);

    [GeneratedRegex(@"\b(vou|vamos|deixa eu|preciso) (falar|conversar|ver|checar|confirmar|combinar|alinhar) com (\w+ ){1,3}?(e|e ja|e depois|depois|que) (eu )?(ja )?(te|lhe|a gente|voce|para voce) (aviso|falo|digo|respondo|retorno|confirmo|dou um retorno|dou retorno|passo)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ErrandThenBack();

    /// <summary>
    /// "tem gente de verdade trabalhando aí? as respostas são muito boas kkk" — the answers praised as a person's: what Júlia is,
    /// asked in admiration, which the agent answers (unless the message still wants someone).
    /// </summary>
    static bool AnswersPraised(string t) =>
        t.Contains("resposta", StringComparison.Ordinal) && AnswersPraise().IsMatch(t) && !Wants().IsMatch(AnswersPraise().Replace(t, " ")) && !StillAsks().IsMatch(t);

    [GeneratedRegex(@"\b(as |suas |sua |a )?(respostas|resposta)( de voces| suas| sua| dela| daqui)? (sao|estao|tao|e|esta|ta|parecem|parece)( muito| super| bem| mt| tao| bem mais)? (boas|boa|otimas|otima|perfeitas|perfeita|excelentes|excelente|humanas|humana|naturais|natural|rapidas|rapida|completas|completa)\b", RegexOptions.CultureInvariant)]
    private static partial Regex AnswersPraise();
}
