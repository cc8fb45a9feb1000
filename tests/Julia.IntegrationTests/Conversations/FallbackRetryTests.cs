using Julia.Agent;
using Julia.Conversations;
using Microsoft.Extensions.DependencyInjection;
using Julia.IntegrationTests.TestHost;

namespace Julia.IntegrationTests.Conversations;

/// <summary>
/// The model failing: the turn stays unprocessed and is tried again after 30 s, 60 s, 120 s (then every 120 s until
/// FALLBACK_HANDOFF_MINUTOS), counted from each failure — not from the age of the doctor's message, which made the first
/// retry after a slow timeout wait as long as the message was old, and the later ones 35 s, 70 s (an audit, 2026-12-04).
/// </summary>
public sealed class FallbackRetryTests(PipelineFixture f) : IClassFixture<PipelineFixture>
{
    async Task<TurnResult> RunAsync(Guid medico)
    {
        var processor = f.App.Services.GetRequiredService<TurnProcessor>();
        for (var attempt = 0; ; attempt++)
        {
            var result = await processor.ProcessAsync(medico, default);
            if (result is not TurnResult.Busy || attempt == 50) return result; // the app's own runner may hold the lock
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// A turn that must wait, with the clock read before and after it: the turn read its own clock in between, so a due
    /// time <paramref name="seconds"/> after that falls in [before, after] + seconds, however slow the machine (comparing
    /// with the clock after the turn, within a 5 s slack, failed when the turn's commit took longer than that).
    /// </summary>
    async Task<TurnResult.NotYet> WaitsAsync(Guid medico, int seconds)
    {
        var before = DateTimeOffset.UtcNow;
        var notYet = Assert.IsType<TurnResult.NotYet>(await RunAsync(medico));
        var after = DateTimeOffset.UtcNow;
        Assert.InRange(notYet.DueAt, before.AddSeconds(seconds), after.AddSeconds(seconds));
        return notYet;
    }

    [Fact]
    public async Task AFailingModelIsTriedAgainAfter30Then60Then120Seconds()
    {
        const string phone = "5511999990131";
        var original = f.Agent.Respond;
        f.Agent.Respond = turn => turn.Doctor.Telefone == phone
            ? Task.FromResult<AgentOutcome>(new AgentOutcome.Unavailable("modelo fora do ar (teste)"))
            : original(turn);
        try
        {
            // The message is 40 s old when the model first fails (the debounce, a call that timed out).
            var medico = await f.ScalarAsync<Guid>("""
                INSERT INTO medicos (telefone, whatsapp_jid, origem) VALUES (@phone, @phone || '@s.whatsapp.net', 'manual') RETURNING id
                """, new { phone });
            await f.ExecuteAsync("""
                INSERT INTO interacoes (medico_id, direcao, tipo, autor_tipo, origem, conteudo, provider_message_id, remote_jid, created_at)
                VALUES (@medico, 'entrada', 'texto', 'medico', 'whatsapp', 'oi, tem plantão sexta?', @id, @phone || '@s.whatsapp.net', now() - interval '40 seconds')
                """, new { medico, phone, id = "FALLBACK-" + Guid.NewGuid().ToString("N") });

            foreach (var seconds in new[] { 30, 60, 120, 120 }) await WaitsAsync(medico, seconds);
            // One holding message for the whole wait, and the doctor's message still waits for an answer.
            Assert.Single(await f.QueueAsync(phone), q => q.TipoSistema == "espera");
            Assert.Equal(1, await f.ScalarAsync<long>(
                "SELECT count(*) FROM interacoes WHERE medico_id = @medico AND direcao = 'entrada' AND processado_em IS NULL", new { medico }));
        }
        finally { f.Agent.Respond = original; }
    }

    /// <summary>An answer the clean-up empties (only a shift id) is a failure too, and the waits grow the same way.</summary>
    [Fact]
    public async Task AnAnswerTheCleanUpEmptiesIsRetriedAfter30Then60Seconds()
    {
        const string phone = "5511999990132";
        const string onlyAnId = "(vaga_id=3fa85f64-5717-4562-b3fc-2c963f66afa6)";
        Assert.Empty(Julia.Conversations.Text.ReplySplitter.Split(onlyAnId));
        var original = f.Agent.Respond;
        f.Agent.Respond = turn => turn.Doctor.Telefone == phone ? Task.FromResult<AgentOutcome>(new AgentOutcome.Reply(onlyAnId)) : original(turn);
        try
        {
            var medico = await f.ScalarAsync<Guid>("""
                INSERT INTO medicos (telefone, whatsapp_jid, origem) VALUES (@phone, @phone || '@s.whatsapp.net', 'manual') RETURNING id
                """, new { phone });
            await f.ExecuteAsync("""
                INSERT INTO interacoes (medico_id, direcao, tipo, autor_tipo, origem, conteudo, provider_message_id, remote_jid, created_at)
                VALUES (@medico, 'entrada', 'texto', 'medico', 'whatsapp', 'tem vaga sábado?', @id, @phone || '@s.whatsapp.net', now() - interval '10 seconds')
                """, new { medico, phone, id = "FALLBACK-" + Guid.NewGuid().ToString("N") });

            await WaitsAsync(medico, 30);
            await WaitsAsync(medico, 60);
        }
        finally { f.Agent.Respond = original; }
    }
}
