using Julia.Conversations.Text;
using Julia.Handoffs;

namespace Julia.UnitTests.Conversations;

/// <summary>
/// Bursts of the twenty-third blind set (docs/decisions.md#handoff): what a turn of several messages, answered as one, asks
/// for — an opt-out through <see cref="OptOutDetector.InTurn"/> (as TurnProcessor reads it), a handoff through
/// <see cref="HandoffTriggerDetector.DetectInTurn"/>. A line can narrow the stop before it, take a request back, or say
/// who writes for the doctor.
/// </summary>
public sealed class BurstTests
{
    [Theory]
    [InlineData("nao quero mais receber mensagem", "me tira da lista")]
    [InlineData("oi", "para de me mandar mensagem")]
    [InlineData("me aposentei", "pode tirar meu contato")]
    [InlineData("stop", "stop")]
    [InlineData("vcs sao uns incompetentes", "nunca mais me mandem nada")]
    [InlineData("me tira da lista", "e nao me procurem mais")]
    [InlineData("quero falar com alguem", "esquece, so me tira da lista")]
    [InlineData("PARE", "vcs são insistentes demais")]
    [InlineData("me descadastra", "obrigado")]
    // "não" before a word of taking back is no taking back: "não esquece de me tirar".
    [InlineData("me tira da lista", "nao esquece de me tirar, ta?")]
    // Who writes, then the request in the owner's name: one message would read the same.
    [InlineData("sou a esposa do dr carlos", "ele pediu pra pararem de mandar mensagem")]
    [InlineData("Aqui é a secretária da Dra. Ana", "ela não quer mais receber essas mensagens")]
    public void TheseTurnsAreOptOuts(params string[] messages) =>
        Assert.NotNull(OptOutDetector.InTurn(messages));

    [Theory]
    // The next line narrows the stop to some shifts.
    [InlineData("nao me manda mais mensagem", "de noite, so de dia")]
    [InlineData("me tira da lista", "do hospital X, os outros pode mandar")]
    [InlineData("nao quero mais plantao", "noturno")]
    [InlineData("para de me mandar", "plantao em osasco, muito longe")]
    [InlineData("me tira", "do plantao de sabado")]
    [InlineData("cancela", "o plantao de domingo, to com febre")]
    [InlineData("nao quero mais", "pediatria, so clinica")]
    [InlineData("nao me manda mais", "pra esse numero, usa o 81 98888-1234")]
    // The next line takes it back.
    [InlineData("stop", "espera, deixa eu ver")]
    [InlineData("to fora", "kkkk mentira, quero sim")]
    // A colleague's request stays his even after a line about the writer who is not writing for him.
    [InlineData("sou o dr paulo", "meu colega pediu pra sair da lista")]
    public void TheseTurnsAreNotOptOuts(params string[] messages) =>
        Assert.Null(OptOutDetector.InTurn(messages));

    [Theory]
    [InlineData("quero falar com alguem", "deixa, ja resolvi")]
    [InlineData("me liga por favor", "nao precisa, achei a informação")]
    [InlineData("tem alguem ai?", "ah, agora vi a mensagem, obrigado")]
    [InlineData("quero falar com um humano", "brincadeira kkk manda a vaga")]
    [InlineData("me passa pro financeiro", "esquece, o pix caiu agora")]
    [InlineData("alguem pode me ligar?", "nao, melhor por mensagem mesmo")]
    [InlineData("vou processar vcs kkk", "zoeira, cade o plantao")]
    [InlineData("meu advogado pediu o contrato", "pode mandar em pdf?")]
    [InlineData("3 meses sem receber", "que palhaçada")]
    [InlineData("to puto", "o transito ta horrivel", "mas to chegando")]
    public void TheseTurnsHaveNoTrigger(params string[] messages) =>
        Assert.Null(HandoffTriggerDetector.DetectInTurn(messages));

    [Theory]
    [InlineData(HandoffTriggers.PersonRequested, "qual o valor do plantao?", "alo?? tem alguem ai")]
    [InlineData(HandoffTriggers.PersonRequested, "isso é bot?", "quero gente")]
    [InlineData(HandoffTriggers.PersonRequested, "ridiculo", "ninguem responde", "😡")]
    [InlineData(HandoffTriggers.PersonRequested, "quero falar com um humano", "bando de incompetente")]
    // Taken back only by a line with no trigger of its own: "esquece, …" that asks again still asks.
    [InlineData(HandoffTriggers.PersonRequested, "me liga", "esquece, quero falar com uma pessoa mesmo")]
    [InlineData(HandoffTriggers.PersonRequested, "me liga amanha", "nao esquece, ta?")]
    [InlineData(HandoffTriggers.Legal, "to gravando tudo", "vai servir no processo")]
    [InlineData(HandoffTriggers.Legal, "que palhaçada", "vou processar vcs")]
    [InlineData(HandoffTriggers.Legal, "vou processar", "achei um absurdo")]
    [InlineData(HandoffTriggers.NegativeSentiment, "vcs sao uma piada", "nunca vi tanta desorganização")]
    [InlineData(HandoffTriggers.NegativeSentiment, "oi", "cade meu pagamento", "bando de caloteiro")]
    public void TheTurnsTrigger(string expected, params string[] messages) =>
        Assert.Equal(expected, HandoffTriggerDetector.DetectInTurn(messages)?.Trigger);

    [Theory]
    [InlineData("pode me ligar depois das 18h? nao, melhor, me manda por escrito mesmo")]
    [InlineData("me liga amanha? deixa pra la, ja resolvi aqui")]
    public void ARequestTakenBackInALaterClauseIsNone(string message) =>
        Assert.Null(HandoffTriggerDetector.Detect(message));
}
