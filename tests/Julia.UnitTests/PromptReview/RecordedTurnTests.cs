using Julia.PromptReview;

namespace Julia.UnitTests.PromptReview;

public sealed class RecordedTurnTests
{
    static long id;
    static RecordedLine L(string direcao, string autor, string? texto, string tipo = "texto") =>
        new(++id, direcao, autor, tipo, texto, new DateTime(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc).AddSeconds(id));

    static readonly RecordedLine[] Conversation =
    [
        L("saida", "julia", "Oi Dr., tenho plantões. Posso mandar?"),  // 0: campaign opening, answers no doctor turn
        L("entrada", "medico", "pode"),                               // 1
        L("entrada", "medico", null, "audio"),                        // 2
        L("saida", "julia", "Tenho um diurno sábado."),                 // 3
        L("saida", "julia", "Quer?"),                                  // 4: second chunk of the same reply
        L("entrada", "medico", "quero falar com alguém"),             // 5
        L("saida", "sistema", "Vou chamar alguém da equipe."),         // 6: not Júlia: not replayed
        L("saida", "humano", "Oi, aqui é a Carla."),                   // 7
        L("entrada", "medico", "valeu, pode reservar"),               // 8
        L("saida", "julia", "Reservado!"),                             // 9
        L("entrada", "medico", "obrigado"),                           // 10: never answered
    ];

    [Fact]
    public void ATurnIsTheDoctorsConsecutiveMessagesAndJuliasChunkedReply()
    {
        var turns = RecordedTurn.Split(Conversation);

        Assert.Equal(2, turns.Count);
        Assert.Equal(["pode", "[audio]"], turns[0].Parts);
        Assert.Equal("Tenho um diurno sábado.\nQuer?", turns[0].OldReply);
        Assert.Equal((3, 5), (turns[0].ReplyStart, turns[0].ReplyEnd));
        Assert.Equal(["valeu, pode reservar"], turns[1].Parts);
        Assert.Equal("Reservado!", turns[1].OldReply);
    }

    [Fact]
    public void TheNewTranscriptSwapsOnlyTheReplayedReplies()
    {
        var turns = RecordedTurn.Split(Conversation);
        ReplayReply[] replies = [new("Tenho um noturno, quer?", false, []), new("[passaria a conversa para uma pessoa da equipe (pedido_humano): x]", true, [])];

        var old = RecordedTurn.OldTranscript(Conversation, 0);
        var candidate = RecordedTurn.NewTranscript(Conversation, 2, turns, replies);

        Assert.Contains("Júlia: Tenho um diurno sábado.\nJúlia: Quer?\n", old);
        Assert.Equal("""
            (2 mensagens anteriores omitidas)
            Júlia: Oi Dr., tenho plantões. Posso mandar?
            Médico: pode
            Médico: [audio]
            Júlia: Tenho um noturno, quer?
            Médico: quero falar com alguém
            Júlia (mensagem automática): Vou chamar alguém da equipe.
            Equipe: Oi, aqui é a Carla.
            Médico: valeu, pode reservar
            Júlia (mensagem automática): [passaria a conversa para uma pessoa da equipe (pedido_humano): x]
            Médico: obrigado

            """.ReplaceLineEndings("\n"), candidate);
    }
}
