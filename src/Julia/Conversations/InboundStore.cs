using System.Text.Json;
using Dapper;
using Julia.Doctors;
using Npgsql;

namespace Julia.Conversations;

/// <summary>A doctor's message as it is made durable (interacoes, direcao='entrada').</summary>
internal sealed record InboundRow(string ProviderMessageId, string Kind, string Content, string? MediaJson, string RemoteJid, DateTimeOffset ReceivedAt);

/// <summary>
/// The one commit of an accepted webhook: the inbound interacoes row, deduplicated by the unique
/// (provider_message_id) WHERE direcao='entrada' index in the same statement (no read-then-write).
/// </summary>
internal sealed class InboundStore(NpgsqlDataSource db)
{
    const string Values = """
        'entrada', @Kind, 'medico', 'whatsapp', @Content, @MediaJson::jsonb, @ProviderMessageId, @RemoteJid, @ReceivedAt
        """;

    const string Columns = "direcao, tipo, autor_tipo, origem, conteudo, midia, provider_message_id, remote_jid, created_at";

    /// <summary>Known doctor: one INSERT. Returns the doctor id, or null when this message id was already stored.</summary>
    public async Task<Guid?> InsertAsync(Guid medicoId, InboundRow row, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QueryFirstOrDefaultAsync<Guid?>(new CommandDefinition($"""
            INSERT INTO interacoes (medico_id, {Columns}) VALUES (@medicoId, {Values})
            ON CONFLICT (provider_message_id) WHERE direcao = 'entrada' DO NOTHING
            RETURNING medico_id
            """, Parameters(row, new { medicoId }), cancellationToken: ct));
    }

    /// <summary>
    /// First contact: the doctor row (Doctors' SQL, race-free) and his message in one statement,
    /// so even a new sender costs one commit. Null when nothing was inserted — a duplicate, or another process
    /// created the same doctor a moment ago; the caller then retries with <see cref="InsertAsync"/>.
    /// </summary>
    public async Task<Guid?> InsertWithNewDoctorAsync(NewDoctor doctor, InboundRow row, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QueryFirstOrDefaultAsync<Guid?>(new CommandDefinition($"""
            WITH {DoctorStore.InsertNewCte("novo")}
            INSERT INTO interacoes (medico_id, {Columns}) SELECT novo.id, {Values} FROM novo
            ON CONFLICT (provider_message_id) WHERE direcao = 'entrada' DO NOTHING
            RETURNING medico_id
            """, Parameters(row, doctor), cancellationToken: ct));
    }

    static DynamicParameters Parameters(InboundRow row, object extra)
    {
        var p = new DynamicParameters(extra);
        p.AddDynamicParams(row);
        return p;
    }

    public static string? MediaJson(WhatsApp.InboundMedia? media) => media is null ? null : JsonSerializer.Serialize(new
    {
        mimetype = media.MimeType, filename = media.FileName, caption = media.Caption, seconds = media.Seconds,
    });
}
