using Julia.IntegrationTests.TestHost;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;
using static Julia.IntegrationTests.TestHost.FakeModelServer;

namespace Julia.IntegrationTests.Agent;

/// <summary>The production fallback: a person only after FALLBACK_HANDOFF_MINUTOS of failures (here 1 min, retried every 30 s).</summary>
public sealed class PatientFallbackFixture : AgentFixture
{
    protected override Dictionary<string, string?> AgentSettings => new() { ["FALLBACK_HANDOFF_MINUTOS"] = "1", ["Agent:MaxRetries"] = "0" };
}

/// <summary>
/// docs/decisions.md#agent, fallback with FALLBACK_HANDOFF_MINUTOS above 0: a failed answer gives the doctor one holding
/// message and the turn is tried again; a person takes over only once his oldest waiting message is that old.
/// </summary>
public sealed class PatientFallbackTests(PatientFallbackFixture f) : IClassFixture<PatientFallbackFixture>
{
    [Fact]
    public async Task AFailureHoldsTheDoctorAndRetriesAndAPersonTakesOverOnlyOnceHisMessageIsOldEnough()
    {
        const string phone = "5511999990711", said = "oi, tem plantão? (711)";
        var outage = new Answer(500, """{"type":"error","error":{"type":"api_error","message":"Internal server error"}}""");
        f.Anthropic.AnswerWhenUserSays("(711)", outage);

        await PostAsync(f.Client, Text(phone, said));

        // The first failure: one holding message, no handoff, the message still waiting for an answer.
        var queue = await Eventually.MatchesAsync(() => f.QueueAsync(phone), q => q.Any(r => r.TipoSistema == "espera"));
        Assert.Single(queue);
        Assert.Equal("Me dá só um minutinho que já te respondo", queue[0].Conteudo);
        Assert.Equal(0, await HandoffsAsync(phone));
        Assert.Equal(1, await WaitingAsync(phone));
        Assert.Equal("ai", await f.ScalarAsync<string>(
            "SELECT c.controlled_by FROM conversations c JOIN medicos m ON m.id = c.medico_id WHERE m.telefone = @phone", new { phone }));

        // Still failing once his message is over a minute old: the retry (30 s after the first) hands him to a person,
        // with no second holding message.
        await f.ExecuteAsync("""
            UPDATE interacoes i SET created_at = i.created_at - interval '2 minutes' FROM medicos m
            WHERE m.id = i.medico_id AND m.telefone = @phone AND i.direcao = 'entrada'
            """, new { phone });
        Assert.Equal(1, await Eventually.MatchesAsync(() => HandoffsAsync(phone), n => n == 1, seconds: 90));
        Assert.Equal("erro_sistema", await f.ScalarAsync<string>(
            "SELECT h.trigger_type FROM handoffs h JOIN medicos m ON m.id = h.medico_id WHERE m.telefone = @phone", new { phone }));
        Assert.Equal(0, await WaitingAsync(phone));
        Assert.Single(await f.QueueAsync(phone), r => r.TipoSistema == "espera");
        // The holding message promised an answer: he is told a person goes on (a doctor-side walk, 2026-12-03).
        Assert.Single(await f.QueueAsync(phone), r => r.TipoSistema == "transicao_handoff" && r.Conteudo == "Vou pedir pra alguém da equipe seguir com vc por aqui, tá?");
        Assert.True(f.Anthropic.Requests.Count(r => r.ToJsonString().Contains("(711)")) >= 2);
    }

    Task<long> HandoffsAsync(string phone) => f.ScalarAsync<long>(
        "SELECT count(*) FROM handoffs h JOIN medicos m ON m.id = h.medico_id WHERE m.telefone = @phone", new { phone });

    Task<long> WaitingAsync(string phone) => f.ScalarAsync<long>("""
        SELECT count(*) FROM interacoes i JOIN medicos m ON m.id = i.medico_id
        WHERE m.telefone = @phone AND i.direcao = 'entrada' AND i.processado_em IS NULL
        """, new { phone });
}
