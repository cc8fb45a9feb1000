using Dapper;
using Npgsql;

namespace Julia.Quality;

/// <summary>A conversation as the review list shows it.</summary>
internal sealed record ReviewConversation(
    Guid Id, Guid MedicoId, string? Medico, string Status, string ControlledBy, string Stage, int MessageCount, DateTime CreatedAt,
    DateTime? LastMessageAt, DateTime? CompletedAt, int Avaliacoes, int? UltimoScore);

/// <summary>One line of a transcript under review.</summary>
internal sealed record ReviewLine(long Id, string Direcao, string AutorTipo, string Tipo, string? Conteudo, DateTime CreatedAt);

/// <summary>A sugestoes_prompt row (Quality owns it).</summary>
internal sealed record PromptSuggestion(
    Guid Id, string Tipo, string Status, string? Descricao, string? ExemploRuim, string? ExemploBom, Guid? ConversaId, Guid? AvaliacaoId, DateTime CreatedAt);

/// <summary>
/// The review UI's reads (docs/decisions.md#quality): conversations with filters and whether a person or the judge already
/// rated them, one conversation's transcript, and the prompt suggestions. Conversations' tables are only read here.
/// </summary>
internal sealed class ReviewStore(NpgsqlDataSource db)
{
    const string ConversationColumns = """
        c.id AS Id, c.medico_id AS MedicoId, NULLIF(concat_ws(' ', m.titulo, m.primeiro_nome, m.sobrenome), '') AS Medico, c.status AS Status,
        c.controlled_by AS ControlledBy, c.stage AS Stage, c.message_count AS MessageCount, c.created_at AS CreatedAt,
        c.last_message_at AS LastMessageAt, c.completed_at AS CompletedAt,
        (SELECT count(*)::int FROM avaliacoes_qualidade a WHERE a.conversa_id = c.id) AS Avaliacoes,
        (SELECT a.score_geral FROM avaliacoes_qualidade a WHERE a.conversa_id = c.id ORDER BY a.created_at DESC LIMIT 1) AS UltimoScore
        """;

    public async Task<IReadOnlyList<ReviewConversation>> ListAsync(string? status, string? controlledBy, bool? rated, int limit, int offset, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return [.. await c.QueryAsync<ReviewConversation>(new CommandDefinition($"""
            SELECT {ConversationColumns}
            FROM conversations c JOIN medicos m ON m.id = c.medico_id
            WHERE (@status::text IS NULL OR c.status = @status) AND (@controlledBy::text IS NULL OR c.controlled_by = @controlledBy)
              AND (@rated::boolean IS NULL OR EXISTS (SELECT 1 FROM avaliacoes_qualidade a WHERE a.conversa_id = c.id) = @rated)
            ORDER BY COALESCE(c.last_message_at, c.created_at) DESC, c.id
            LIMIT @limit OFFSET @offset
            """, new { status, controlledBy, rated, limit, offset }, cancellationToken: ct))];
    }

    public async Task<(ReviewConversation Conversation, IReadOnlyList<ReviewLine> Lines)?> FindAsync(Guid id, int maxLines, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        var conversation = await c.QuerySingleOrDefaultAsync<ReviewConversation>(new CommandDefinition($"""
            SELECT {ConversationColumns} FROM conversations c JOIN medicos m ON m.id = c.medico_id WHERE c.id = @id
            """, new { id }, cancellationToken: ct));
        if (conversation is null) return null;
        var lines = await c.QueryAsync<ReviewLine>(new CommandDefinition("""
            SELECT * FROM (
                SELECT id AS Id, direcao AS Direcao, autor_tipo AS AutorTipo, tipo AS Tipo, conteudo AS Conteudo, created_at AS CreatedAt
                FROM interacoes WHERE conversa_id = @id ORDER BY created_at DESC, id DESC LIMIT @maxLines) latest
            ORDER BY CreatedAt, Id
            """, new { id, maxLines }, cancellationToken: ct));
        return (conversation, [.. lines]);
    }

    public async Task<IReadOnlyList<PromptSuggestion>> SuggestionsAsync(string? status, int limit, int offset, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return [.. await c.QueryAsync<PromptSuggestion>(new CommandDefinition("""
            SELECT id AS Id, tipo AS Tipo, status AS Status, descricao AS Descricao, exemplo_ruim AS ExemploRuim, exemplo_bom AS ExemploBom,
                   conversa_id AS ConversaId, avaliacao_id AS AvaliacaoId, created_at AS CreatedAt
            FROM sugestoes_prompt WHERE (@status::text IS NULL OR status = @status)
            ORDER BY created_at DESC, id LIMIT @limit OFFSET @offset
            """, new { status, limit, offset }, cancellationToken: ct))];
    }
}
