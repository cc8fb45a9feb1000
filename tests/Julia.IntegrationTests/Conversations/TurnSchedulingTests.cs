using Julia.IntegrationTests.TestHost;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;

namespace Julia.IntegrationTests.Conversations;

public sealed class BurstFixture : PipelineFixture
{
    protected override Dictionary<string, string?> Settings => new() { ["HUMANIZAR"] = "false", ["DEBOUNCE_SEGUNDOS"] = "2", ["DEBOUNCE_MAX_SEGUNDOS"] = "20" };
}

public sealed class BurstTests(BurstFixture f) : IClassFixture<BurstFixture>
{
    [Fact]
    public async Task ABurstOfThreeMessagesIsAnsweredAsOneTurn()
    {
        const string phone = "5511999990301";

        foreach (var text in new[] { "oi", "tudo bem?", "tem plantão sábado?" })
            await PostAsync(f.Client, Text(phone, text));
        await f.WaitProcessedAsync(phone);

        var turn = Assert.Single(f.Agent.Turns, t => t.Doctor.Telefone == phone);
        Assert.Equal(["oi", "tudo bem?", "tem plantão sábado?"], turn.Parts);
        Assert.Single((await f.QueueAsync(phone)).Select(q => q.LoteId).Distinct());
    }

    /// <summary>
    /// A message WhatsApp delivered hours late (written with the phone offline, or a webhook Evolution re-sent) reaches
    /// the agent in the order it was written and says when: "amanhã" in it counts from then (an outside pass, 2026-12-02:
    /// it was shown as written now, after the message that followed it).
    /// </summary>
    [Fact]
    public async Task AMessageDeliveredLateGoesBeforeTheOnesWrittenAfterItAndSaysWhenItWasWritten()
    {
        const string phone = "5511999990304";
        var written = DateTimeOffset.UtcNow.AddHours(-3);
        var late = Text(phone, "tem plantão amanhã à noite?");
        late["data"]!["messageTimestamp"] = written.ToUnixTimeSeconds();
        var onTime = Text(phone, "oi, tô sem sinal aqui");
        onTime["data"]!["messageTimestamp"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        await PostAsync(f.Client, onTime);
        await PostAsync(f.Client, late);
        await f.WaitProcessedAsync(phone);

        var turn = Assert.Single(f.Agent.Turns, t => t.Doctor.Telefone == phone);
        var local = TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeSeconds(written.ToUnixTimeSeconds()), TimeZoneInfo.FindSystemTimeZoneById("America/Sao_Paulo"));
        Assert.Equal([$"[escrita em {local:dd'/'MM} às {local:HH':'mm}, recebida com atraso] tem plantão amanhã à noite?", "oi, tô sem sinal aqui"], turn.Parts);
        var stored = await f.QueryAsync<(string Conteudo, DateTime? EnviadaEm)>("""
            SELECT i.conteudo, (i.midia->>'enviada_em')::timestamptz FROM interacoes i JOIN medicos m ON m.id = i.medico_id
            WHERE m.telefone = @phone AND i.direcao = 'entrada' ORDER BY i.id
            """, new { phone });
        Assert.Equal([("oi, tô sem sinal aqui", (DateTime?)null), ("tem plantão amanhã à noite?", DateTimeOffset.FromUnixTimeSeconds(written.ToUnixTimeSeconds()).UtcDateTime)], stored);
    }

    [Fact]
    public async Task ABurstOfLongMessagesIsOneTurnAndTheAgentSeesItsLatestMessagesWithinThreeMessagesWorthOfText()
    {
        const string phone = "5511999990303";
        var texts = Enumerable.Range(1, 8).Select(i => $"parte {i}: " + string.Concat(Enumerable.Repeat("plantão de pediatria no ABC ", 150))[..3_900]).ToList();
        texts.Add("tem plantão sábado?");

        foreach (var text in texts)
            await PostAsync(f.Client, Text(phone, text));
        await f.WaitProcessedAsync(phone);

        var turn = Assert.Single(f.Agent.Turns, t => t.Doctor.Telefone == phone);
        Assert.Equal("[5 mensagens anteriores desta sequência não mostradas: longas demais]", turn.Parts[0]);
        Assert.Equal(texts.TakeLast(4), turn.Parts.Skip(1)); // three long ones and the question fit
        Assert.True(turn.Parts.Sum(p => p.Length) <= 3 * 4_000 + 100);
        Assert.Equal(0, await f.UnprocessedInboundAsync(phone));
    }
}

public sealed class AgentOffFixture : PipelineFixture
{
    protected override bool UseScriptedAgent => false;
}

/// <summary>No ANTHROPIC_API_KEY: the fallback path of docs/decisions.md#agent — a holding message and a handoff erro_sistema, once.</summary>
public sealed class AgentOffTests(AgentOffFixture f) : IClassFixture<AgentOffFixture>
{
    [Fact]
    public async Task WithoutAnAgentTheDoctorGetsAHoldingMessageAndAPerson()
    {
        const string phone = "5511999990302";

        await PostAsync(f.Client, Text(phone, "tem plantão de pediatria?"));
        await f.WaitProcessedAsync(phone);
        await PostAsync(f.Client, Text(phone, "??"));
        await f.WaitProcessedAsync(phone);

        var queue = await f.QueueAsync(phone);
        var holding = Assert.Single(queue);
        Assert.Equal(("sistema", "espera", "Me dá só um minutinho que já te respondo"), (holding.Tipo, holding.TipoSistema, holding.Conteudo));
        var handoff = Assert.Single(await f.QueryAsync<(string Trigger, string Status)>(
            "SELECT trigger_type, status FROM handoffs h JOIN medicos m ON m.id = h.medico_id WHERE m.telefone = @phone", new { phone }));
        Assert.Equal(("erro_sistema", "pendente"), handoff);
        Assert.Equal("human", await f.ScalarAsync<string>(
            "SELECT controlled_by FROM conversations c JOIN medicos m ON m.id = c.medico_id WHERE m.telefone = @phone", new { phone }));
    }
}

/// <summary>A debounce long enough that a turn run while it holds can only have skipped it.</summary>
public sealed class LongDebounceFixture : PipelineFixture
{
    protected override Dictionary<string, string?> Settings => new() { ["HUMANIZAR"] = "false", ["DEBOUNCE_SEGUNDOS"] = "600", ["DEBOUNCE_MAX_SEGUNDOS"] = "600" };
}

public sealed class OptOutBeforeDebounceTests(LongDebounceFixture f) : IClassFixture<LongDebounceFixture>
{
    /// <summary>
    /// An opt-out is handled when it arrives, not when the burst it is part of ends: until it is recorded, a campaign
    /// or reminder due in the meantime passes the send-time checks and reaches a doctor who just said "pare". Before,
    /// the opt-out waited for the debounce (5–20 s) like any message.
    /// </summary>
    [Fact]
    public async Task AnOptOutIsRecordedAtOnceWhileAnOrdinaryBurstStillWaitsForItsDebounce()
    {
        const string stopping = "5511999990305", chatting = "5511999990306";
        await PostAsync(f.Client, Text(chatting, "oi, tem plantão sábado?"));
        await PostAsync(f.Client, Text(stopping, "oi"));
        await PostAsync(f.Client, Text(stopping, "pare de me mandar mensagens"));

        await f.WaitProcessedAsync(stopping);

        Assert.Equal((true, "opt_out"), (await f.QueryAsync<(bool, string)>(
            "SELECT opted_out, stage_jornada FROM medicos WHERE telefone = @stopping", new { stopping })).Single());
        Assert.Single(await f.QueueAsync(stopping), q => q.TipoSistema == "confirmacao_opt_out");
        Assert.DoesNotContain(f.Agent.Turns, t => t.Doctor.Telefone == stopping);
        // The other doctor's message is still collected: the debounce holds for everything else.
        Assert.Equal(1, await f.UnprocessedInboundAsync(chatting));
    }
}

public sealed class HandoffBeforeDebounceTests(LongDebounceFixture f) : IClassFixture<LongDebounceFixture>
{
    /// <summary>
    /// A message that asks for a person (or threatens legal action, or is angry enough on its own) hands the
    /// conversation over when it arrives, with whatever the doctor wrote before it, not when his burst ends. Before,
    /// it waited for the debounce (5–20 s) like any message.
    /// </summary>
    [Fact]
    public async Task AHandoffTriggerHandsOverAtOnceWhileAnOrdinaryBurstStillWaitsForItsDebounce()
    {
        const string asking = "5511999990307", chatting = "5511999990308";
        await PostAsync(f.Client, Text(chatting, "boa tarde, vi a vaga de clínico"));
        await PostAsync(f.Client, Text(asking, "boa tarde"));
        await PostAsync(f.Client, Text(asking, "quero falar com uma pessoa de verdade da equipe"));

        await f.WaitProcessedAsync(asking);

        Assert.Equal(("pedido_humano", "pendente"), Assert.Single(await f.QueryAsync<(string, string)>(
            "SELECT trigger_type, status FROM handoffs h JOIN medicos m ON m.id = h.medico_id WHERE m.telefone = @asking", new { asking })));
        Assert.Equal("human", await f.ScalarAsync<string>(
            "SELECT controlled_by FROM conversations c JOIN medicos m ON m.id = c.medico_id WHERE m.telefone = @asking", new { asking }));
        Assert.Equal(0, await f.UnprocessedInboundAsync(asking));
        Assert.DoesNotContain(f.Agent.Turns, t => t.Doctor.Telefone == asking);
        // The other doctor's message is still collected.
        Assert.Equal(1, await f.UnprocessedInboundAsync(chatting));
    }

    /// <summary>Anger made of two messages ("que absurdo", then "que vergonha") needs the burst: it waits for it as before.</summary>
    [Fact]
    public async Task AngerReadAcrossTwoMessagesStillWaitsForTheBurst()
    {
        const string phone = "5511999990309";
        await PostAsync(f.Client, Text(phone, "que absurdo"));
        await PostAsync(f.Client, Text(phone, "sinceramente que vergonha"));
        await PostAsync(f.Client, Text("5511999990310", "pare de me mandar mensagens"));
        await f.WaitProcessedAsync("5511999990310");

        Assert.Equal(2, await f.UnprocessedInboundAsync(phone));
    }
}

static class UnprocessedInbound
{
    /// <summary>The doctor's messages no turn has consumed yet.</summary>
    public static Task<long> UnprocessedInboundAsync(this PipelineFixture f, string phone) => f.ScalarAsync<long>("""
        SELECT count(*) FROM interacoes i JOIN medicos m ON m.id = i.medico_id
        WHERE m.telefone = @phone AND i.direcao = 'entrada' AND i.processado_em IS NULL
        """, new { phone });
}
