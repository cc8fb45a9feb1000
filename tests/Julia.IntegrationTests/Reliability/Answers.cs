using Dapper;
using Julia.Conversations;
using Julia.Queue;
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
    /// <remarks>
    /// <paramref name="cutByKill"/>: the doctors whose reply's send had started (its durable mark) in a process killed
    /// before Evolution answered. Whether that request left the process only Evolution knows, so the reply is never resent
    /// and ends `erro` `resultado_desconhecido` (docs/decisions.md#queue): such a doctor has one reply at most, and with
    /// none his reply row must have ended so, never sent again.
    /// </remarks>
    public static Task AssertEachAnsweredOnceAsync(
        FaultRig rig, IReadOnlyCollection<DoctorMessages.Message> accepted, int seconds = 240, bool holdingAllowed = false,
        IReadOnlySet<string>? cutByKill = null) => rig.WithLogsAsync(async () =>
    {
        cutByKill ??= new HashSet<string>();
        await Eventually.MatchesAsync(async () => (Tally: await CountAsync(rig, accepted), Cut: await CutUnansweredAsync(rig, accepted, cutByKill)),
            t => t.Tally.Replies + t.Cut.Count == accepted.Count && t.Tally.Unprocessed == 0 && t.Tally.Open == 0, seconds, pollMilliseconds: 500);
        await Task.Delay(TimeSpan.FromSeconds(2)); // a late duplicate would show itself here

        var sends = rig.Evolution.SendsByPhone();
        var cut = await CutUnansweredAsync(rig, accepted, cutByKill);
        var wrong = accepted.Select(m => (m.Phone, Texts: sends.GetValueOrDefault(m.Phone) ?? []))
            .Where(p => p.Texts.Count(t => t != TurnOutcomes.HoldingMessage) != (cut.Contains(p.Phone) ? 0 : 1)
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

    /// <summary>
    /// Of the doctors in <paramref name="cutByKill"/>, those Evolution got no reply for and whose reply row ended `erro`
    /// `resultado_desconhecido` with no other reply row: left unanswered by the kill, on purpose, not lost by a bug.
    /// </summary>
    static async Task<HashSet<string>> CutUnansweredAsync(FaultRig rig, IReadOnlyCollection<DoctorMessages.Message> accepted, IReadOnlySet<string> cutByKill)
    {
        if (cutByKill.Count == 0) return [];
        var sends = rig.Evolution.SendsByPhone();
        var silent = accepted.Select(m => m.Phone).Where(p => cutByKill.Contains(p) && !sends.ContainsKey(p)).ToArray();
        if (silent.Length == 0) return [];
        await using var c = await rig.Db.OpenConnectionAsync();
        return [.. await c.QueryAsync<string>($"""
            SELECT m.telefone FROM medicos m JOIN fila_mensagens f ON f.medico_id = m.id
            WHERE m.telefone = ANY(@silent) AND f.tipo = 'resposta'
            GROUP BY m.telefone
            HAVING bool_and(f.status = 'erro' AND f.outcome_reason_code = '{DispatchStore.UnknownOutcome}') AND count(*) = 1
            """, new { silent })];
    }
}
