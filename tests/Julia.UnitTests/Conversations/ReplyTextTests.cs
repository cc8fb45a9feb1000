using Julia.Conversations;
using Julia.Conversations.Text;
using Julia.WhatsApp;

namespace Julia.UnitTests.Conversations;

public sealed class ReplyTextTests
{
    [Fact]
    public void SplitsOnLineBreaksThenAtSentenceEnds()
    {
        var longLine = "Tenho um plantão no Hospital Santa Helena do ABC na sexta dia 12, noturno das 19h às 7h na UTI adulto. O valor é R$ 1.800 e o pagamento é PJ, pago em até 30 dias depois do plantão. Topa?";

        var chunks = ReplySplitter.Split($"Oi Dra. Ana, tudo bem?\n\n{longLine}");

        Assert.Equal("Oi Dra. Ana, tudo bem?", chunks[0]);
        Assert.All(chunks, c => Assert.InRange(c.Length, 1, ReplySplitter.MaxChunkLength));
        Assert.EndsWith("UTI adulto.", chunks[1]);
        Assert.Equal(longLine, string.Join(' ', chunks.Skip(1)));
    }

    /// <summary>WhatsApp shows markdown as written: the model's headings, bold, lists and repeated emoji are taken out (an outside pass, 2026-12-02).</summary>
    [Fact]
    public void MarkdownAndEmojiPileUpsAreTakenOut()
    {
        var chunks = ReplySplitter.Split("## Opções\n**Tenho dois plantões**:\n1. Hospital Leste, *noturno*\n- Hospital Oeste, `diurno` 😊😊😊");

        Assert.Equal(["Opções", "Tenho dois plantões:", "Hospital Leste, noturno", "Hospital Oeste, diurno 😊"], chunks);
        Assert.Equal("joao_silva@exemplo.com e R$ 1.800 * 2", ReplySplitter.Plain("joao_silva@exemplo.com e R$ 1.800 * 2"));
    }

    /// <summary>A shift id the model copies from its context means nothing to a doctor: it is taken out with its label and brackets.</summary>
    [Theory]
    [InlineData("Tenho o plantão (vaga_id=3fa85f64-5717-4562-b3fc-2c963f66afa6) no sábado, topa?", "Tenho o plantão no sábado, topa?")]
    [InlineData("Hospital Leste, noturno [id: 3FA85F64-5717-4562-B3FC-2C963F66AFA6]", "Hospital Leste, noturno")]
    [InlineData("Reservei o 3fa85f64-5717-4562-b3fc-2c963f66afa6 pra você", "Reservei o pra você")]
    [InlineData("Código do pedido 4521, id do médico não muda", "Código do pedido 4521, id do médico não muda")]
    public void AShiftIdIsNeverShownToTheDoctor(string reply, string shown) => Assert.Equal(shown, ReplySplitter.Plain(reply));

    /// <summary>The history's markers a model may copy ("[equipe] …", "Júlia: …") are not shown; the same words inside a sentence are.</summary>
    [Theory]
    [InlineData("[equipe] Oi Dr. João, tudo certo?", "Oi Dr. João, tudo certo?")]
    [InlineData("Júlia: Oi! Tenho um plantão sábado.\n[Júlia] Quer?", "Oi! Tenho um plantão sábado.\nQuer?")]
    [InlineData("Falei com a equipe: [equipe] confirma amanhã", "Falei com a equipe: [equipe] confirma amanhã")]
    [InlineData("Júlia, a assistente da equipe, aqui", "Júlia, a assistente da equipe, aqui")]
    public void TheHistorysSpeakerMarkersAreNotShown(string reply, string shown) => Assert.Equal(shown, ReplySplitter.Plain(reply));

    /// <summary>A link cut in two does not open (an outside pass, 2026-12-02: a 180-character URL split over two chunks).</summary>
    [Fact]
    public void ALinkIsNeverCutInTwo()
    {
        var url = "https://escalas.exemplo.com.br/plantoes/detalhe?id=" + new string('a', 120);
        var chunks = ReplySplitter.Split($"Segue o link com todos os detalhes do plantão de sexta: {url} qualquer dúvida me chama");

        Assert.Contains(chunks, c => c == url);
        Assert.DoesNotContain(chunks, c => c.Contains("https://") && c != url && !c.EndsWith(url, StringComparison.Ordinal));
    }

    [Fact]
    public void NeverMoreThanFourChunks()
    {
        var chunks = ReplySplitter.Split("um\ndois\ntrês\nquatro\ncinco\nseis");

        Assert.Equal(4, chunks.Count);
        Assert.Equal("quatro cinco seis", chunks[3]);
    }

    [Fact]
    public void WordsWithoutBreaksAreHardCut()
    {
        var chunks = ReplySplitter.Split(new string('a', 400));
        Assert.Equal([150, 150, 100], chunks.Select(c => c.Length));
    }

    [Fact]
    public void WithoutHumanisingEveryChunkIsDueNowInOrder()
    {
        var now = DateTimeOffset.Parse("2026-11-25T14:00:00Z");
        var plan = new ReplySchedule(humanize: false, new Random(1)).Plan(["a", "b", "c"], "oi?", now.AddSeconds(-3), now);

        Assert.Equal([1, 2, 3], plan.Select(p => p.Sequence));
        Assert.All(plan, p => { Assert.Equal(now, p.DueAt); Assert.Equal(TimeSpan.Zero, p.Typing); });
    }

    [Fact]
    public void HumanisedTimingStaysInsideTheClampsAndIsIncreasing()
    {
        var inboundAt = DateTimeOffset.Parse("2026-11-25T14:00:00Z"); // 11:00 São Paulo
        var now = inboundAt.AddSeconds(1);
        var plan = new ReplySchedule(humanize: true, new Random(7)).Plan(
            ["Oi Dr. João, tudo bem?", "tenho uma vaga pra vc na sexta", "Topa?"], "tem plantão sexta dia 12?", inboundAt, now);

        Assert.InRange((plan[0].DueAt - inboundAt).TotalSeconds, 2, 8);
        Assert.All(plan, p => Assert.InRange(p.Typing.TotalSeconds, 2, 6));
        Assert.InRange((plan[1].DueAt - plan[0].DueAt - plan[0].Typing).TotalSeconds, 1, 3); // lower-case continuation
        Assert.InRange((plan[2].DueAt - plan[1].DueAt - plan[1].Typing).TotalSeconds, 3, 5);
    }

    [Theory]
    [InlineData(4_000, 4_000)]
    [InlineData(4_001, 4_003)]
    [InlineData(10_000, 4_003)]
    [InlineData(10_001, 1_011)]
    [InlineData(60_000, 1_011)]
    public void LengthRulesOfStoredText(int length, int storedLength)
    {
        var stored = InboundText.Stored(new string('x', length), MessageKinds.Text, new InboundTextLimits());

        Assert.Equal(storedLength, stored.Length);
        if (length > 10_000) Assert.Equal("[mensagem muito longa]", InboundText.ForTurn(MessageKinds.Text, stored, null)!.Text);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(4 * 60 + 59, false)]   // a clock a few minutes apart is not a late delivery
    [InlineData(5 * 60, true)]
    [InlineData(3 * 3600, true)]
    [InlineData(30 * 86400, true)]
    [InlineData(30 * 86400 + 1, false)] // older than WhatsApp keeps an undelivered message: a replayed payload
    [InlineData(-3600, false)]         // from the future: a wrong clock
    public void AMessageIsLateFromFiveMinutesToThirtyDays(int secondsBefore, bool late)
    {
        var received = new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
        var sent = received.AddSeconds(-secondsBefore);

        Assert.Equal(late ? sent : null, InboundText.WrittenLate(sent, received));
        Assert.Null(InboundText.WrittenLate(null, received));
    }

    /// <summary>The writing time kept to order a burst: from 3 s (a re-sent webhook), not ordinary delivery time or skew.</summary>
    [Theory]
    [InlineData(2, false)]
    [InlineData(3, true)]
    [InlineData(4 * 60, true)]
    [InlineData(30 * 86400 + 1, false)]
    [InlineData(-10, false)]
    public void AWritingTimeIsKeptFromThreeSecondsLate(int secondsBefore, bool kept)
    {
        var received = new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
        var sent = received.AddSeconds(-secondsBefore);

        Assert.Equal(kept ? sent : null, InboundText.WrittenBefore(sent, received));
    }

    /// <summary>A line kept for the order only (under 5 min late) goes back to when it was written, without the late note.</summary>
    [Fact]
    public void ALineAFewSecondsLateIsOrderedByWhenItWasWrittenWithoutTheLateNote()
    {
        var at = new DateTime(2026, 12, 2, 12, 0, 0, DateTimeKind.Utc);
        var parts = AgentTurnBuilder.PartsOf([
            new PendingInbound(1, "texto", "e domingo também?", null, at, "B", null),
            new PendingInbound(2, "texto", "tem plantão sábado?", null, at.AddSeconds(4), "A", null, WrittenLateUtc: at.AddSeconds(-4)),
            new PendingInbound(3, "texto", "ontem à noite", null, at.AddSeconds(5), "C", null, WrittenLateUtc: at.AddHours(-14)),
        ]);

        Assert.Equal(["[escrita em 01/12 às 19:00, recebida com atraso] ontem à noite", "tem plantão sábado?", "e domingo também?"],
            parts.Parts.Select(p => p.Text));
    }

    [Fact]
    public void ALateMessageTellsTheAgentWhenItWasWrittenOnTheSaoPauloClock()
    {
        var written = new DateTimeOffset(2026, 12, 1, 2, 10, 0, TimeSpan.Zero); // 23:10 of 30/11 in São Paulo

        Assert.Equal("[escrita em 30/11 às 23:10, recebida com atraso] tem plantão amanhã?",
            InboundText.ForTurn(MessageKinds.Text, "tem plantão amanhã?", null, writtenLate: written)!.Text);
        Assert.Equal("[escrita em 30/11 às 23:10, recebida com atraso] [respondendo a: \"Plantão sábado\"] quero",
            InboundText.ForTurn(MessageKinds.Text, "quero", null, "Plantão sábado", written)!.Text);
        Assert.Equal("tem plantão amanhã?", InboundText.ForTurn(MessageKinds.Text, "tem plantão amanhã?", null)!.Text);
        Assert.Equal(PlaceholderKind.Audio, InboundText.ForTurn(MessageKinds.Audio, "[áudio]", null, writtenLate: written)!.Placeholder);
    }

    [Fact]
    public void MediaReachTheTurnAsCaptionOrPlaceholder()
    {
        Assert.Equal("[imagem] segue meu CRM atualizado", InboundText.ForTurn(MessageKinds.Image, "segue meu CRM atualizado", "segue meu CRM atualizado")!.Text);
        // Blanks or a zero-width space are nothing to answer, like a sticker (an outside pass, 2026-12-02: the model got "\u200b").
        Assert.Null(InboundText.ForTurn(MessageKinds.Text, "\u200b", null));
        Assert.Null(InboundText.ForTurn(MessageKinds.Text, "  \n ", null));
        Assert.Equal(PlaceholderKind.ImageOrDocument, InboundText.ForTurn(MessageKinds.Image, "olha", "olha")!.Placeholder);
        Assert.Equal(PlaceholderKind.Audio, InboundText.ForTurn(MessageKinds.Audio, "[áudio]", null)!.Placeholder);
        Assert.Null(InboundText.ForTurn(MessageKinds.Sticker, "[sticker]", null));
        // What he shared is answered as its words; an unknown kind is not (docs/decisions.md#inbound).
        Assert.Equal(new TurnPart("[contato: Dr. Pedro Alves]", null), InboundText.ForTurn(MessageKinds.Other, "[contato: Dr. Pedro Alves]", null));
        Assert.Null(InboundText.ForTurn(MessageKinds.Other, MessageKinds.Placeholder(MessageKinds.Other), null));
        Assert.Equal("[áudio]", InboundText.Stored(null, MessageKinds.Audio, new InboundTextLimits()));
        Assert.Contains("por escrito", InboundText.CannedReply([PlaceholderKind.Audio, PlaceholderKind.ImageOrDocument]));
    }

    [Fact]
    public void AShortTurnReachesTheAgentWhole()
    {
        TurnPart[] parts = [new("oi", null), new("tem plantão sábado?", null), new("[áudio não ouvido]", PlaceholderKind.Audio)];

        Assert.Equal(["oi", "tem plantão sábado?", "[áudio não ouvido]"], InboundText.ForAgent(parts, 12_000));
    }

    [Theory]
    [InlineData(100, 4_000, 12_000, 3)]
    [InlineData(5, 4_000, 12_000, 3)]
    [InlineData(2, 4_000, 7_999, 1)]
    [InlineData(3, 100, 250, 2)]
    public void ALongTurnShowsTheAgentItsLatestMessagesWithinTheBudgetAndSaysHowManyItLeftOut(int count, int length, int budget, int shown)
    {
        var parts = Enumerable.Range(0, count).Select(i => new TurnPart($"{i}:" + new string('x', length - $"{i}:".Length), null)).ToList();

        var forAgent = InboundText.ForAgent(parts, budget);

        Assert.Equal(shown + 1, forAgent.Count);
        Assert.Contains($"{count - shown} mensage", forAgent[0]);
        Assert.Equal(parts.TakeLast(shown).Select(p => p.Text), forAgent.Skip(1));
        Assert.True(forAgent.Skip(1).Sum(t => t.Length) <= Math.Max(budget, length));
    }

    [Fact]
    public void TheLastMessageAlwaysReachesTheAgentEvenAboveTheBudget()
    {
        TurnPart[] parts = [new("antes", null), new(new string('y', 500), null)];

        Assert.Equal(["[1 mensagem anterior desta sequência não mostrada: longa demais]", new string('y', 500)], InboundText.ForAgent(parts, 100));
    }
}
