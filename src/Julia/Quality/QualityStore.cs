using Dapper;
using Npgsql;

namespace Julia.Quality;

/// <summary>An avaliacoes_qualidade row (detalhes and tags as JSON text, created_at in UTC).</summary>
internal sealed record QualityEvaluation(
    Guid Id, Guid ConversaId, int? Naturalidade, int? Persona, int? Objetivo, int? Satisfacao, int? ScoreGeral, string Avaliador,
    string? Modelo, string Detalhes, string? Notas, string Tags, DateTime CreatedAt);

/// <summary>
/// SQL on avaliacoes_qualidade (Quality owns it), and the read-only queries of the conversations to judge and their
/// interacoes (Conversations' tables, only read here).
/// </summary>
internal sealed class QualityStore(NpgsqlDataSource db)
{
    const string Columns = """
        id AS Id, conversa_id AS ConversaId, naturalidade AS Naturalidade, persona AS Persona, objetivo AS Objetivo,
        satisfacao AS Satisfacao, score_geral AS ScoreGeral, avaliador AS Avaliador, modelo AS Modelo, detalhes::text AS Detalhes,
        notas AS Notas, to_jsonb(tags)::text AS Tags, created_at AS CreatedAt
        """;

    /// <summary>
    /// `completed` conversations without an `auto` evaluation where the doctor wrote and Júlia answered: half the batch
    /// the most recently completed (the nightly batch reflects the latest work), the other half the longest waiting, so
    /// a night of more than <paramref name="limit"/> leaves a backlog that drains instead of one never judged
    /// (docs/decisions.md#quality).
    /// </summary>
    public async Task<IReadOnlyList<Guid>> PendingAsync(int limit, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<Guid>(new CommandDefinition("""
            WITH pending AS MATERIALIZED (
                SELECT c.id, c.completed_at FROM conversations c
                WHERE c.status = 'completed'
                  AND NOT EXISTS (SELECT 1 FROM medicos m WHERE m.id = c.medico_id AND m.apagado_em IS NOT NULL)
                  AND NOT EXISTS (SELECT 1 FROM avaliacoes_qualidade a WHERE a.conversa_id = c.id AND a.avaliador = 'auto')
                  AND EXISTS (SELECT 1 FROM interacoes i WHERE i.conversa_id = c.id AND i.direcao = 'entrada')
                  AND EXISTS (SELECT 1 FROM interacoes i WHERE i.conversa_id = c.id AND i.direcao = 'saida' AND i.autor_tipo = 'julia')),
            newest AS (SELECT id, completed_at FROM pending ORDER BY completed_at DESC NULLS LAST, id LIMIT @newest),
            oldest AS (SELECT id, completed_at FROM pending WHERE id NOT IN (SELECT id FROM newest)
                       ORDER BY completed_at NULLS FIRST, id LIMIT @limit - (SELECT count(*) FROM newest))
            SELECT id FROM (SELECT id, completed_at, 0 AS part FROM newest UNION ALL SELECT id, completed_at, 1 FROM oldest) batch
            ORDER BY part, CASE WHEN part = 0 THEN completed_at END DESC NULLS LAST, completed_at NULLS FIRST, id
            """, new { limit, newest = (limit + 1) / 2 }, cancellationToken: ct))).ToList();
    }

    /// <summary>The latest <paramref name="limit"/> messages of a conversation, oldest first, and how many older ones were left out.</summary>
    public async Task<(IReadOnlyList<TranscriptLine> Lines, int Omitted)> TranscriptAsync(Guid conversaId, int limit, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        var rows = (await c.QueryAsync<(string Direction, string? AuthorType, string Kind, string? Content, long Total)>(new CommandDefinition("""
            SELECT direcao, autor_tipo, tipo, conteudo, total FROM (
                SELECT direcao, autor_tipo, tipo, conteudo, created_at, id, count(*) OVER () AS total FROM interacoes
                WHERE conversa_id = @conversaId ORDER BY created_at DESC, id DESC LIMIT @limit) latest
            ORDER BY created_at, id
            """, new { conversaId, limit }, cancellationToken: ct))).ToList();
        var total = rows.Count == 0 ? 0 : (int)rows[0].Total;
        return ([.. rows.Select(r => new TranscriptLine(r.Direction, r.AuthorType, r.Kind, r.Content))], total - rows.Count);
    }

    /// <summary>The judge's evaluation; false when the conversation already has one (a rerun) or no longer exists.</summary>
    public async Task<bool> InsertAutoAsync(Guid conversaId, QualityVerdict verdict, string modelo, CancellationToken ct)
    {
        var s = verdict.Scores;
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO avaliacoes_qualidade (conversa_id, naturalidade, persona, objetivo, satisfacao, score_geral, avaliador, modelo, detalhes)
            SELECT id, @Naturalidade, @Persona, @Objetivo, @Satisfacao, @Overall, 'auto', @modelo, @detalhes::jsonb
            FROM conversations WHERE id = @conversaId
            ON CONFLICT (conversa_id) WHERE avaliador = 'auto' DO NOTHING
            """, new { conversaId, s.Naturalidade, s.Persona, s.Objetivo, s.Satisfacao, s.Overall, modelo, detalhes = verdict.Details.ToJson() },
            cancellationToken: ct)) == 1;
    }

    /// <summary>A staff evaluation (`gestor`); null when the conversation does not exist.</summary>
    public async Task<QualityEvaluation?> InsertStaffAsync(Guid conversaId, QualityScores s, string? notas, string[] tags, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QueryFirstOrDefaultAsync<QualityEvaluation>(new CommandDefinition($"""
            INSERT INTO avaliacoes_qualidade (conversa_id, naturalidade, persona, objetivo, satisfacao, score_geral, avaliador, notas, tags)
            SELECT id, @Naturalidade, @Persona, @Objetivo, @Satisfacao, @Overall, 'gestor', @notas, @tags
            FROM conversations WHERE id = @conversaId
            RETURNING {Columns}
            """, new { conversaId, s.Naturalidade, s.Persona, s.Objetivo, s.Satisfacao, s.Overall, notas, tags }, cancellationToken: ct));
    }

    public async Task<QualityEvaluation?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QueryFirstOrDefaultAsync<QualityEvaluation>(new CommandDefinition(
            $"SELECT {Columns} FROM avaliacoes_qualidade WHERE id = @id", new { id }, cancellationToken: ct));
    }

    /// <summary>Evaluations, newest first, of one conversation or of all.</summary>
    public async Task<IReadOnlyList<QualityEvaluation>> ListAsync(Guid? conversaId, int limit, int offset, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<QualityEvaluation>(new CommandDefinition($"""
            SELECT {Columns} FROM avaliacoes_qualidade
            WHERE (@conversaId::uuid IS NULL OR conversa_id = @conversaId)
            ORDER BY created_at DESC, id LIMIT @limit OFFSET @offset
            """, new { conversaId, limit, offset }, cancellationToken: ct))).ToList();
    }
}
