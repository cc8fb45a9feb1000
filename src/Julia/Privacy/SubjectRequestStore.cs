using System.Text.Json;
using Dapper;
using Npgsql;

namespace Julia.Privacy;

/// <summary>A row of solicitacoes_titular: what was asked, by whom, and the counts — never the data.</summary>
internal sealed record SubjectRequest(Guid Id, string Tipo, Guid MedicoId, string SolicitadoPor, string? Motivo,
    DateTime SolicitadoEm, DateTime? ConcluidoEm, string Contagens, string Externos);

/// <summary>
/// SQL of Privacy's own tables (solicitacoes_titular, titulares_apagados), and its read-only look at medicos to find the
/// doctor a request is about.
/// </summary>
internal sealed class SubjectRequestStore(NpgsqlDataSource db)
{
    const string RequestColumns = """
        id AS Id, tipo AS Tipo, medico_id AS MedicoId, solicitado_por AS SolicitadoPor, motivo AS Motivo,
        solicitado_em AS SolicitadoEm, concluido_em AS ConcluidoEm, contagens::text AS Contagens, externos::text AS Externos
        """;

    const string SubjectColumns = """
        id AS Id, telefone AS Telefone, whatsapp_jid AS WhatsappJid, whatsapp_lid AS WhatsappLid,
        chatwoot_contact_id AS ChatwootContactId, opted_out AS OptedOut, apagado_em AS ApagadoEm
        """;

    /// <summary>The doctor as he is now; with <paramref name="tx"/>, row-locked until it commits (two erasures never interleave).</summary>
    public async Task<DataSubject?> FindSubjectAsync(NpgsqlConnection c, Guid id, NpgsqlTransaction? tx, CancellationToken ct) =>
        await c.QueryFirstOrDefaultAsync<DataSubject>(new CommandDefinition(
            $"SELECT {SubjectColumns} FROM medicos WHERE id = @id" + (tx is null ? "" : " FOR NO KEY UPDATE"), new { id }, tx, cancellationToken: ct));

    public async Task<DataSubject?> FindSubjectAsync(Guid id, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await FindSubjectAsync(c, id, null, ct);
    }

    /// <summary>The doctor with this canonical phone (or its 12-digit legacy form), or null.</summary>
    public async Task<Guid?> FindByPhoneAsync(string canonical, string? legacy, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QueryFirstOrDefaultAsync<Guid?>(new CommandDefinition("""
            SELECT id FROM medicos WHERE telefone = @canonical OR (@legacy::text IS NOT NULL AND telefone = @legacy)
            ORDER BY (telefone = @canonical) DESC LIMIT 1
            """, new { canonical, legacy }, cancellationToken: ct));
    }

    /// <summary>Whether a doctor with this phone hash was erased (the only trace an erasure keeps).</summary>
    public async Task<bool> WasErasedAsync(byte[] hash, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM titulares_apagados WHERE hash_telefone = @hash)", new { hash }, cancellationToken: ct));
    }

    public Task RememberErasedPhoneAsync(NpgsqlTransaction tx, byte[] hash, bool optedOut, CancellationToken ct) =>
        tx.Connection!.ExecuteAsync(new CommandDefinition("""
            INSERT INTO titulares_apagados (hash_telefone, opted_out) VALUES (@hash, @optedOut)
            ON CONFLICT (hash_telefone) DO UPDATE SET opted_out = titulares_apagados.opted_out OR EXCLUDED.opted_out, apagado_em = now()
            """, new { hash, optedOut }, tx, cancellationToken: ct));

    /// <summary>Records a finished request (export or erasure) with its counts, in the caller's transaction when given.</summary>
    public Task<SubjectRequest> RecordAsync(NpgsqlConnection c, NpgsqlTransaction? tx, string tipo, Guid medicoId, string solicitadoPor,
        string? motivo, DateTimeOffset solicitadoEm, IDictionary<string, long> counts, CancellationToken ct) =>
        c.QuerySingleAsync<SubjectRequest>(new CommandDefinition($"""
            INSERT INTO solicitacoes_titular (tipo, medico_id, solicitado_por, motivo, solicitado_em, concluido_em, contagens)
            VALUES (@tipo, @medicoId, @solicitadoPor, @motivo, @solicitadoEm, now(), @contagens::jsonb)
            RETURNING {RequestColumns}
            """, new { tipo, medicoId, solicitadoPor, motivo, solicitadoEm, contagens = JsonSerializer.Serialize(counts) }, tx, cancellationToken: ct));

    /// <summary>
    /// After the erasure committed: what happened outside the database (Chatwoot), merged into externos, and the counts
    /// including rows written meanwhile and erased by the second pass. Null leaves a column as it is.
    /// </summary>
    public async Task<SubjectRequest> CompleteAsync(Guid id, IDictionary<string, long>? counts, string? externosJson, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QuerySingleAsync<SubjectRequest>(new CommandDefinition($$"""
            UPDATE solicitacoes_titular SET contagens = COALESCE(@contagens::jsonb, contagens), externos = externos || COALESCE(@externos::jsonb, '{}'::jsonb)
            WHERE id = @id RETURNING {{RequestColumns}}
            """, new { id, contagens = counts is null ? null : JsonSerializer.Serialize(counts), externos = externosJson }, cancellationToken: ct));
    }

    /// <summary>The erasure of this doctor, when there was one.</summary>
    public async Task<SubjectRequest?> LastErasureAsync(Guid medicoId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QueryFirstOrDefaultAsync<SubjectRequest>(new CommandDefinition(
            $"SELECT {RequestColumns} FROM solicitacoes_titular WHERE medico_id = @medicoId AND tipo = 'apagar' ORDER BY solicitado_em DESC LIMIT 1",
            new { medicoId }, cancellationToken: ct));
    }

    /// <summary>The export's own section: earlier requests about this doctor.</summary>
    public static Task ExportAsync(NpgsqlConnection c, Guid medicoId, System.Text.Json.Nodes.JsonObject tables, CancellationToken ct) =>
        PersonalDataSql.AddSectionAsync(c, tables, "solicitacoes_titular",
            "SELECT * FROM solicitacoes_titular WHERE medico_id = @medicoId ORDER BY solicitado_em", medicoId, ct);
}
