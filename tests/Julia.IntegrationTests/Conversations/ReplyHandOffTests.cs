using Julia.Agent;
using Julia.IntegrationTests.TestHost;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;

namespace Julia.IntegrationTests.Conversations;

/// <summary>
/// A reply's first chunk is queued already claimed and marked by the turn's statement and sent by this process's reply
/// lane without a claim of its own (docs/decisions.md#queue, "Hand-off"); the later chunks of the lote follow through
/// the lane's loops, in order. Told apart by the row: claimed and marked in the transaction that queued it.
/// </summary>
public sealed class ReplyHandOffTests(PipelineFixture f) : IClassFixture<PipelineFixture>
{
    [Fact]
    public async Task TheFirstChunkIsClaimedWhereItIsQueuedAndTheRestFollowInOrder()
    {
        const string phone = "5511999990701";
        f.Agent.Respond = _ => Task.FromResult<AgentOutcome>(new AgentOutcome.Reply(
            "Oi, doutora! Tenho dois plantões no sábado.\nUm no Hospital Central, das 7h às 19h.\nQuer que eu reserve?"));

        await PostAsync(f.Client, Text(phone, "tem plantão sábado?"));

        var rows = await Eventually.MatchesAsync(() => f.QueryAsync<(short Sequence, string Status, bool ClaimedWhenQueued, bool MarkedWhenQueued, DateTime? SentAt)>("""
            SELECT q.sequencia, q.status, q.processando_desde = q.created_at, q.envio_iniciado_em = q.created_at, q.enviada_em
            FROM fila_mensagens q JOIN medicos m ON m.id = q.medico_id WHERE m.telefone = @phone ORDER BY q.sequencia
            """, new { phone }), r => r.Count == 3 && r.All(x => x.Status == "enviada"));

        Assert.True(rows[0].ClaimedWhenQueued && rows[0].MarkedWhenQueued, "the first chunk was claimed by a claim of its own");
        Assert.All(rows.Skip(1), r => Assert.False(r.ClaimedWhenQueued, "a later chunk was claimed before the one ahead of it went"));
        Assert.True(rows[0].SentAt <= rows[1].SentAt && rows[1].SentAt <= rows[2].SentAt, "the chunks went out of order");
        var outbound = await f.QueryAsync<string>("""
            SELECT i.conteudo FROM interacoes i JOIN medicos m ON m.id = i.medico_id
            WHERE m.telefone = @phone AND i.direcao = 'saida' ORDER BY i.id
            """, new { phone });
        Assert.Equal(["Oi, doutora! Tenho dois plantões no sábado.", "Um no Hospital Central, das 7h às 19h.", "Quer que eu reserve?"], outbound);
    }

    [Fact]
    public async Task AHandedOffReplyIsStillCheckedAgainstHumanControlWhenItIsQueued()
    {
        const string phone = "5511999990702";
        // The agent's reply is written while staff take the conversation over: the queued chunk must not go out.
        f.Agent.Respond = async _ =>
        {
            await f.ExecuteAsync("""
                UPDATE conversations c SET controlled_by = 'human' FROM medicos m
                WHERE m.id = c.medico_id AND m.telefone = @phone AND c.status = 'active'
                """, new { phone });
            return new AgentOutcome.Reply("Tenho um plantão no sábado, quer?");
        };

        await PostAsync(f.Client, Text(phone, "oi"));

        var row = await Eventually.MatchesAsync(() => f.QueryAsync<(string Status, string? Reason)>("""
            SELECT q.status, q.outcome_reason_code FROM fila_mensagens q JOIN medicos m ON m.id = q.medico_id WHERE m.telefone = @phone
            """, new { phone }), r => r.Count == 1 && r[0].Status != "processando" && r[0].Status != "pendente");
        Assert.Equal(("bloqueada", "controle_humano"), row.Single());
    }
}
