using Dapper;
using Julia.Conversations;
using Julia.IntegrationTests.TestHost;

namespace Julia.IntegrationTests.Reliability;

/// <summary>
/// The fault matrix's one claim, checked by SQL and at the fake Evolution: every accepted message was stored once and
/// answered exactly once — one reply per doctor received by Evolution, no queue row sent twice, nothing left behind.
/// </summary>
internal static class Answers
{
    public sealed record Tally(int Phones, int Replies, int Holding, long Unprocessed, long Open);

    /// <summary>Counts now: inbound rows not processed, queue rows still to send, doctors with a reply at the fake.</summary>
    public static async Task<Tally> CountAsync(FaultRig rig, IReadOnlyCollection<DoctorMessages.Message> messages)
    {
        var sends = rig.Evolution.SendsByPhone();
        var replies = messages.Count(m => sends.GetValueOrDefault(m.Phone)?.Any(t => t != TurnOutcomes.HoldingMessage) == true);
        var holding = messages.Count(m => sends.GetValueOrDefault(m.Phone)?.Contains(TurnOutcomes.HoldingMessage) == true);
        await using var c = await rig.Db.OpenConnectionAsync();
        var unprocessed = await c.ExecuteScalarAsync<long>("SELECT count(*) FROM interacoes WHERE direcao = 'entrada' AND processado_em IS NULL");
        var open = await c.ExecuteScalarAsync<long>("SELECT count(*) FROM fila_mensagens WHERE status IN ('pendente', 'processando')");
        return new Tally(messages.Count, replies, holding, unprocessed, open);
    }

    /// <summary>
    /// Waits (up to <paramref name="seconds"/>) until every message has its reply and nothing is left to process or send,
    /// then asserts exactly once. <paramref name="holdingAllowed"/>: the agent-fallback holding message may come first, once.
    /// </summary>
    public static Task AssertEachAnsweredOnceAsync(
        FaultRig rig, IReadOnlyCollection<DoctorMessages.Message> accepted, int seconds = 240, bool holdingAllowed = false) => rig.WithLogsAsync(async () =>
    {
        await Eventually.MatchesAsync(() => CountAsync(rig, accepted),
            t => t.Replies == accepted.Count && t.Unprocessed == 0 && t.Open == 0, seconds, pollMilliseconds: 500);
        await Task.Delay(TimeSpan.FromSeconds(2)); // a late duplicate would show itself here

        var sends = rig.Evolution.SendsByPhone();
        var wrong = accepted.Select(m => (m.Phone, Texts: sends.GetValueOrDefault(m.Phone) ?? []))
            .Where(p => p.Texts.Count(t => t != TurnOutcomes.HoldingMessage) != 1
                        || p.Texts.Count(t => t == TurnOutcomes.HoldingMessage) > (holdingAllowed ? 1 : 0))
            .Select(p => $"{p.Phone}: [{string.Join(" | ", p.Texts)}]").ToList();
        Assert.True(wrong.Count == 0, $"not answered exactly once: {string.Join("; ", wrong)}");

        await using var c = await rig.Db.OpenConnectionAsync();
        var stored = (await c.QueryAsync<string>("SELECT provider_message_id FROM interacoes WHERE direcao = 'entrada'")).ToList();
        Assert.Equal(accepted.Select(m => m.Id).Order(), stored.Order());
        Assert.Empty(await c.QueryAsync<string>("""
            SELECT provider_message_id || ' x' || count(*) FROM fila_mensagens WHERE status = 'enviada' GROUP BY provider_message_id HAVING count(*) > 1
            """));
        // A send cut by a crash after its start mark ends resultado_desconhecido and is never repeated (docs/decisions.md#queue);
        // the per-doctor count above already says whether Evolution got it. Any other error is a lost message.
        Assert.Empty(await c.QueryAsync<string>("""
            SELECT tipo || ' ' || status || ' ' || COALESCE(outcome_reason_code, '') FROM fila_mensagens
            WHERE status = 'erro' AND outcome_reason_code IS DISTINCT FROM 'resultado_desconhecido'
            """));
        Assert.Empty(await c.QueryAsync<string>("""
            SELECT m.telefone || ' x' || count(*) FROM interacoes i JOIN medicos m ON m.id = i.medico_id
            WHERE i.direcao = 'saida' AND i.autor_tipo = 'julia' GROUP BY m.telefone HAVING count(*) > 1
            """));
    });
}
