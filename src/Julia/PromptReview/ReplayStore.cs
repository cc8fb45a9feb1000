using Dapper;
using Julia.Conversations;
using Npgsql;

namespace Julia.PromptReview;

/// <summary>
/// One interacoes row of a recorded conversation (created_at in UTC); a doctor's row also as the live turn read it
/// (<see cref="Inbound"/>: caption, quote, late delivery, cut tail — ConversationStore.InboundColumns).
/// </summary>
internal sealed record RecordedLine(long Id, string Direction, string? AuthorType, string Kind, string? Content, DateTime CreatedAt,
    PendingInbound? Inbound = null)
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
        var rows = (await c.QueryAsync<Row, PendingInbound, (Row Row, PendingInbound Inbound)>(new CommandDefinition($"""
                SELECT direcao AS Direction, autor_tipo AS AuthorType, total AS Total, {ConversationStore.InboundColumns} FROM (
                    SELECT *, count(*) OVER () AS total FROM interacoes
                    WHERE conversa_id = @conversaId ORDER BY created_at DESC, id DESC LIMIT @limit) latest
                ORDER BY created_at, id
                """, new { conversaId, limit }, cancellationToken: ct), (row, inbound) => (row, inbound), splitOn: "Id")).ToList();
        var total = rows.Count == 0 ? 0 : (int)rows[0].Row.Total;
        return ([.. rows.Select(r => new RecordedLine(r.Inbound.Id, r.Row.Direction, r.Row.AuthorType, r.Inbound.Kind, r.Inbound.Content, r.Inbound.CreatedAtUtc,
            r.Row.Direction == "entrada" ? r.Inbound with { Content = r.Inbound.Content ?? "" } : null))], total - rows.Count);
    }

    sealed record Row(string Direction, string? AuthorType, long Total);

    /// <summary>
    /// The doctor's last interactions before the turn whose first message is <paramref name="before"/>, oldest first —
    /// the history that turn had, read with the live turn's own query (ConversationStore.HistoryBeforeSql: across his
    /// conversations, only rows with text, each cut as the live turn cuts it, with the offers Júlia's replies recorded).
    /// </summary>
    public async Task<IReadOnlyList<ConversationLine>> HistoryAsync(Guid medicoId, RecordedLine before, int limit, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return [.. await c.QueryAsync<ConversationLine>(new CommandDefinition(ConversationStore.HistoryBeforeSql,
            new { medicoId, at = before.CreatedAt, id = before.Id, limit }, cancellationToken: ct))];
    }
}
