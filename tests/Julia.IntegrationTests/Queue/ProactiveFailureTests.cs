using Julia.Infrastructure.Redis;
using Julia.Infrastructure.Time;
using Julia.IntegrationTests.Conversations;
using Julia.IntegrationTests.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Julia.IntegrationTests.Queue;

/// <summary>Business hours all day, no random spacing, and sends through a fake Evolution that a test can make fail.</summary>
public class AlwaysOpenGatewayFixture : GatewayPipelineFixture
{
    /// <summary>The Evolution client's timeout: short, so a refusal or a held answer is seen quickly.</summary>
    protected virtual int EvolutionTimeoutSeconds => 2;

    protected override Dictionary<string, string?> Settings => new(Evolution.Settings(timeoutSeconds: EvolutionTimeoutSeconds))
    {
        ["HUMANIZAR"] = "false", ["DIAS_UTEIS"] = "1-7", ["HORARIO_INICIO"] = "00:00", ["HORARIO_FIM"] = "00:00",
        ["INTERVALO_MAX_SEGUNDOS"] = "0",
    };
}

/// <summary>A proactive send Evolution refused does not count against the day's limits (docs/decisions.md#rate-limits).</summary>
public sealed class ProactiveFailureTests(AlwaysOpenGatewayFixture f) : IClassFixture<AlwaysOpenGatewayFixture>
{
    [Fact]
    public async Task AFollowUpEvolutionRefusedGivesItsHourAndDayCountBackAndCountsWhenItGoes()
    {
        var redis = f.App.Services.GetRequiredService<RedisGate>().Multiplexer.GetDatabase(f.Redis.Database);
        // The São Paulo day(s) the test ran in: a run across its midnight counts in the day each reservation was made.
        var firstDay = DayKey(DateTimeOffset.UtcNow);
        async Task<int> CountedAsync() =>
            (await Task.WhenAll(new[] { firstDay, DayKey(DateTimeOffset.UtcNow) }.Distinct().Select(async k => (int)await redis.StringGetAsync(k)))).Sum();
        f.Evolution.FailNextSends(500, 1);
        var row = await f.ScalarAsync<Guid>("""
            WITH m AS (INSERT INTO medicos (telefone, whatsapp_jid, origem) VALUES ('5511999997101', '5511999997101@s.whatsapp.net', 'import') RETURNING id),
                 c AS (INSERT INTO conversations (medico_id, last_outbound_at) SELECT id, now() - interval '3 days' FROM m RETURNING id, medico_id)
            INSERT INTO fila_mensagens (medico_id, conversa_id, tipo, conteudo, prioridade, metadata)
            SELECT medico_id, id, 'followup', 'oi de novo', 4, '{"tipo_followup":"fu1"}' FROM c RETURNING id
            """);

        await Eventually.MatchesAsync(() => f.ScalarAsync<int>("SELECT tentativas FROM fila_mensagens WHERE id = @row", new { row }), n => n == 1);
        Assert.Equal(0, await CountedAsync());

        // Its retry (2 min later, past the 45 s per-number gap the failed attempt kept) goes out and is counted.
        await redis.KeyDeleteAsync("rate:ultimo:5511999997101");
        await f.ExecuteAsync("UPDATE fila_mensagens SET agendar_para = now() WHERE id = @row AND status = 'pendente'", new { row });
        await Eventually.MatchesAsync(() => f.ScalarAsync<string>("SELECT status FROM fila_mensagens WHERE id = @row", new { row }), s => s == "enviada");
        Assert.Equal(1, await CountedAsync());
    }

    static string DayKey(DateTimeOffset at) => $"rate:dia:{SaoPaulo.ToLocal(at):yyyyMMdd}";

    /// <summary>
    /// `rate:ultimo:{telefone}` is his phone's, whatever address a send uses: a follow-up to his LID seconds after a send
    /// to his phone JID waits for the 45 s gap. Before, the key was the address's digits, so it went out at once.
    /// </summary>
    [Fact]
    public async Task TheGapBetweenTwoSendsHoldsAcrossHisLidAndHisPhone()
    {
        var redis = f.App.Services.GetRequiredService<RedisGate>().Multiplexer.GetDatabase(f.Redis.Database);
        var lastSend = DateTimeOffset.UtcNow;
        await redis.StringSetAsync("rate:ultimo:5511999997201", lastSend.ToUnixTimeSeconds(), TimeSpan.FromHours(1));
        var row = await f.ScalarAsync<Guid>("""
            WITH m AS (INSERT INTO medicos (telefone, whatsapp_jid, origem) VALUES ('5511999997201', '190442837201553@lid', 'import') RETURNING id),
                 c AS (INSERT INTO conversations (medico_id, last_outbound_at) SELECT id, now() - interval '3 days' FROM m RETURNING id, medico_id)
            INSERT INTO fila_mensagens (medico_id, conversa_id, tipo, conteudo, prioridade, metadata)
            SELECT medico_id, id, 'followup', 'oi de novo', 4, '{"tipo_followup":"fu1"}' FROM c RETURNING id
            """);

        var held = await Eventually.MatchesAsync(async () => (await f.QueryAsync<(string Status, string? Reason, DateTime Due)>(
            "SELECT status, outcome_reason_code, agendar_para FROM fila_mensagens WHERE id = @row", new { row }))[0], r => r.Reason == "limite" || r.Status is "enviada" or "erro" or "cancelada" or "bloqueada");

        Assert.Equal("pendente", held.Status);
        // Held until the 45 s gap after that send ends: measured from the send, not from when the wait above saw the hold
        // (`now + 30 s` failed whenever the machine took 15 s to get there).
        Assert.True(held.Due >= lastSend.UtcDateTime.AddSeconds(44), $"due {held.Due:O}, last send {lastSend.UtcDateTime:O}");
        Assert.DoesNotContain(f.Evolution.Sends, c => c.Body?["number"]?.GetValue<string>().StartsWith("190442837201553") == true);
    }
}
