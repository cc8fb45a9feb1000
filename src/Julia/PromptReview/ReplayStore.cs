using Dapper;
using Julia.Agent;
using Npgsql;

namespace Julia.PromptReview;

/// <summary>One interacoes row of a recorded conversation (created_at in UTC).</summary>
internal sealed record RecordedLine(long Id, string Direction, string? AuthorType, string Kind, string? Content, DateTime CreatedAt)
{
    /// <summary>What the doctor's message says to the model: its text, or the kind of media (`[audio]`).</summary>
    public string Text => string.IsNullOrWhiteSpace(Content) ? $"[{Kind}]" : Content.Trim();
}

/// <summary>
/// The read-only queries of `julia avaliar-prompt` over Conversations' tables (only read here, never written): the
/// latest conversations worth replaying, their messages, and a doctor's history before a turn.
/// </summary>
internal sealed class ReplayStore(NpgsqlDataSource db)
{
    /// <summary>
    /// The conversations with the most recent messages where the doctor wrote and Júlia answered — not those of a doctor
    /// erased at his request (docs/decisions.md#lgpd): their text is gone, and they are not to be used again.
    /// </summary>
    public async Task<IReadOnlyList<(Guid ConversaId, Guid MedicoId)>> RecentAsync(int limit, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<(Guid, Guid)>(new CommandDefinition("""
            SELECT c.id, c.medico_id FROM conversations c
            WHERE NOT EXISTS (SELECT 1 FROM medicos m WHERE m.id = c.medico_id AND m.apagado_em IS NOT NULL)
              AND EXISTS (SELECT 1 FROM interacoes i WHERE i.conversa_id = c.id AND i.direcao = 'entrada')
              AND EXISTS (SELECT 1 FROM interacoes i WHERE i.conversa_id = c.id AND i.direcao = 'saida' AND i.autor_tipo = 'julia')
            ORDER BY (SELECT max(i.created_at) FROM interacoes i WHERE i.conversa_id = c.id) DESC, c.id
            LIMIT @limit
            """, new { limit }, cancellationToken: ct))).ToList();
    }

    /// <summary>The latest <paramref name="limit"/> messages of a conversation, oldest first, and how many older ones were left out.</summary>
    public async Task<(IReadOnlyList<RecordedLine> Lines, int Omitted)> LinesAsync(Guid conversaId, int limit, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        var rows = (await c.QueryAsync<(long Id, string Direction, string? AuthorType, string Kind, string? Content, DateTime CreatedAt, long Total)>(
            new CommandDefinition("""
                SELECT id, direcao, autor_tipo, tipo, conteudo, created_at, total FROM (
                    SELECT id, direcao, autor_tipo, tipo, conteudo, created_at, count(*) OVER () AS total FROM interacoes
                    WHERE conversa_id = @conversaId ORDER BY created_at DESC, id DESC LIMIT @limit) latest
                ORDER BY created_at, id
                """, new { conversaId, limit }, cancellationToken: ct))).ToList();
        var total = rows.Count == 0 ? 0 : (int)rows[0].Total;
        return ([.. rows.Select(r => new RecordedLine(r.Id, r.Direction, r.AuthorType, r.Kind, r.Content, r.CreatedAt))], total - rows.Count);
    }

    /// <summary>
    /// The doctor's last interactions before <paramref name="before"/>, oldest first — the history the turn had, as
    /// a live turn reads it (ConversationStore.BeginTurnAsync: across his conversations, only rows with text).
    /// </summary>
    /// <returns>The lines, and the shifts their replies offered (<see cref="AgentTurn.EarlierOffers"/>).</returns>
    public async Task<(IReadOnlyList<HistoryItem> Lines, IReadOnlyList<Guid> Offered)> HistoryAsync(Guid medicoId, RecordedLine before, int limit, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        var rows = (await c.QueryAsync<(string Direction, string? AuthorType, string Content, string? Offered)>(new CommandDefinition($"""
            SELECT direcao AS Direction, autor_tipo AS AuthorType, conteudo AS Content,
                   {AgentTurn.OfferedSql} AS Offered FROM (
                SELECT direcao, autor_tipo, conteudo, llm, created_at, id FROM interacoes
                WHERE medico_id = @medicoId AND conteudo IS NOT NULL AND (created_at, id) < (@at, @id)
                ORDER BY created_at DESC, id DESC LIMIT @limit) recent
            ORDER BY created_at, id
            """, new { medicoId, at = before.CreatedAt, id = before.Id, limit }, cancellationToken: ct))).ToList();
        return ([.. rows.Select(r => new HistoryItem(r.Direction, r.AuthorType, r.Content))], AgentTurn.EarlierOffersOf(rows.Select(r => r.Offered)));
    }
}
