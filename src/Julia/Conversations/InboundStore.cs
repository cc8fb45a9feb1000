using System.Text.Json;
using Julia.Doctors;
using Julia.Infrastructure.Database;
using Npgsql;

namespace Julia.Conversations;

/// <summary>A doctor's message as it is made durable (interacoes, direcao='entrada').</summary>
/// <remarks><paramref name="ChatwootConversationId"/>: Evolution's Chatwoot integration says where the message is mirrored.</remarks>
internal sealed record InboundRow(string ProviderMessageId, string Kind, string Content, string? MediaJson, string RemoteJid, DateTimeOffset ReceivedAt,
    string? ChatwootConversationId = null);

/// <summary>
/// The one commit of an accepted webhook: the inbound interacoes row, deduplicated by the unique
/// (provider_message_id) WHERE direcao='entrada' index in the same statement (no read-then-write). Webhooks that arrive
/// together share that statement and its commit (docs/decisions.md#group-commit): the rows of a batch go as arrays, one
/// multi-row statement for known doctors and one for first contacts, in one transaction.
/// </summary>
internal sealed class InboundStore : IAsyncDisposable
{
    readonly NpgsqlDataSource db;
    readonly GroupCommit<Write, (Guid? Stored, bool Erased)> commits;
    readonly string knownSql, newSql;

    public InboundStore(NpgsqlDataSource db, IEnumerable<IInboundEffect> effects)
    {
        this.db = db;
        var extraCtes = string.Concat(effects.Select(e => e.InsertedCte("inserted")).OfType<string>().Select(c => ",\n" + c));
        knownSql = KnownSql(extraCtes);
        newSql = NewSql(extraCtes);
        commits = new GroupCommit<Write, (Guid?, bool)>("gravar_entrada", WriteAsync);
    }

    /// <summary>One message to store: for a doctor we know (<paramref name="MedicoId"/>), or with his new row (<paramref name="Doctor"/>).</summary>
    internal sealed record Write(Guid? MedicoId, NewDoctor? Doctor, InboundRow Row);

    /// <summary>
    /// Known doctor. <c>Stored</c> is the doctor id, or null when this message id was already stored;
    /// <c>Erased</c>: nothing was stored because the doctor was erased (docs/decisions.md#lgpd) — the caller's view of him
    /// is stale, and the sender is a new doctor.
    /// </summary>
    public Task<(Guid? Stored, bool Erased)> InsertAsync(Guid medicoId, InboundRow row, CancellationToken ct) =>
        commits.WriteAsync(new Write(medicoId, null, row), ct);

    /// <summary>
    /// First contact: the doctor row (Doctors' SQL, race-free) and his message in one statement,
    /// so even a new sender costs one commit. Null when nothing was inserted — a duplicate, or another process
    /// created the same doctor a moment ago; the caller then retries with <see cref="InsertAsync"/>.
    /// </summary>
    public async Task<Guid?> InsertWithNewDoctorAsync(NewDoctor doctor, InboundRow row, CancellationToken ct) =>
        (await commits.WriteAsync(new Write(null, doctor, row), ct)).Stored;

    // The message columns of a batch, as arrays (unnest), in the order n of the batch.
    const string MessageArrays = """
        @tipos::text[], @conteudos::text[], @midias::jsonb[], @message_ids::text[], @jids::text[], @recebidas::timestamptz[], @chatwoot_ids::text[]
        """;
    const string MessageColumns = "tipo, conteudo, midia, provider_message_id, remote_jid, created_at, chatwoot_conversation_id";
    const string Columns = "medico_id, direcao, tipo, autor_tipo, origem, conteudo, midia, provider_message_id, remote_jid, created_at";
    const string Values = "'entrada', i.tipo, 'medico', 'whatsapp', i.conteudo, i.midia, i.provider_message_id, i.remote_jid, i.created_at";
    const string Inserted = "id, medico_id, tipo, conteudo, provider_message_id, created_at";

    // When the Evolution payload names the Chatwoot conversation, the doctor's open conversation remembers it.
    const string ChatwootCte = """
        chatwoot_mapped AS (
            UPDATE conversations c SET chatwoot_conversation_id = i.chatwoot_conversation_id
            FROM input i JOIN inserted ins ON ins.provider_message_id = i.provider_message_id
            WHERE i.chatwoot_conversation_id IS NOT NULL AND c.medico_id = ins.medico_id
              AND c.status IN ('active', 'paused') AND c.chatwoot_conversation_id IS DISTINCT FROM i.chatwoot_conversation_id
            RETURNING c.id)
        """;

    // One row per input row: stored (the doctor id) only for the first row of a message id, and whether he was erased.
    const string Outcome = """
        SELECT i.n, CASE WHEN i.n = min(i.n) OVER (PARTITION BY i.provider_message_id) THEN ins.medico_id END AS stored,
               i.erased
        FROM input i LEFT JOIN inserted ins ON ins.provider_message_id = i.provider_message_id
        ORDER BY i.n
        """;

    static string KnownSql(string extraCtes) => $"""
        WITH input AS (
            SELECT i.*, m.id IS NOT NULL AS erased
            FROM unnest(@medico_ids::uuid[], {MessageArrays}) WITH ORDINALITY AS i(medico_id, {MessageColumns}, n)
            LEFT JOIN medicos m ON m.id = i.medico_id AND m.apagado_em IS NOT NULL),
        inserted AS (
            INSERT INTO interacoes ({Columns}) SELECT i.medico_id, {Values} FROM input i WHERE NOT i.erased ORDER BY i.n
            ON CONFLICT (provider_message_id) WHERE direcao = 'entrada' DO NOTHING
            RETURNING {Inserted}),
        {ChatwootCte}{extraCtes}
        {Outcome}
        """;

    static string NewSql(string extraCtes) => $"""
        WITH input AS (
            SELECT i.*, false AS erased
            FROM unnest(@telefones::text[], @doctor_jids::text[], @lids::text[], @primeiros_nomes::text[], @sobrenomes::text[],
                        @hashes_telefone::bytea[], @hashes_lid::bytea[], {MessageArrays})
                 WITH ORDINALITY AS i(telefone, whatsapp_jid, whatsapp_lid, primeiro_nome, sobrenome, hash_telefone, hash_lid, {MessageColumns}, n)),
        {DoctorStore.InsertNewCte("novo", "input")},
        inserted AS (
            INSERT INTO interacoes ({Columns})
            SELECT novo.id, {Values}
            FROM input i JOIN novo ON CASE WHEN i.telefone IS NOT NULL THEN novo.telefone = i.telefone ELSE novo.whatsapp_lid = i.whatsapp_lid END
            ORDER BY i.n
            ON CONFLICT (provider_message_id) WHERE direcao = 'entrada' DO NOTHING
            RETURNING {Inserted}){extraCtes}
        {Outcome}
        """;

    /// <summary>A batch in one transaction: the known doctors' statement and the first contacts' statement.</summary>
    internal async Task<IReadOnlyList<(Guid? Stored, bool Erased)>> WriteAsync(IReadOnlyList<Write> batch)
    {
        // Sorted by doctor, so two batches at once take their row locks in the same order.
        var known = batch.Where(w => w.MedicoId is not null).OrderBy(w => w.MedicoId).ToList();
        var fresh = batch.Where(w => w.Doctor is not null).OrderBy(w => w.Doctor!.Telefone ?? w.Doctor.WhatsappLid, StringComparer.Ordinal).ToList();
        await using var c = await db.OpenConnectionAsync();
        await using var command = new NpgsqlBatch(c);
        // The generic plan: a custom plan knows each batch's array lengths, so PostgreSQL would keep planning every
        // batch anew (~0.6 ms each) rather than reuse one (docs/decisions.md#group-commit).
        command.BatchCommands.Add(new NpgsqlBatchCommand("BEGIN"));
        command.BatchCommands.Add(new NpgsqlBatchCommand("SET LOCAL plan_cache_mode = force_generic_plan"));
        var parts = new List<List<Write>>(2);
        if (known.Count > 0) { command.BatchCommands.Add(Known(known)); parts.Add(known); }
        if (fresh.Count > 0) { command.BatchCommands.Add(New(fresh)); parts.Add(fresh); }
        command.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        await command.PrepareAsync(); // once per connection (docs/decisions.md#prepared-statements)
        var outcomes = new Dictionary<Write, (Guid?, bool)>(ReferenceEqualityComparer.Instance);
        await using (var reader = await command.ExecuteReaderAsync())
        {
            var part = 0;
            do
            {
                if (reader.FieldCount == 0) continue; // BEGIN, SET, COMMIT
                while (await reader.ReadAsync())
                    outcomes[parts[part][(int)reader.GetInt64(0) - 1]] = (reader.IsDBNull(1) ? null : reader.GetGuid(1), reader.GetBoolean(2));
                part++;
            }
            while (await reader.NextResultAsync());
        } // the reader read up to the commit
        return [.. batch.Select(w => outcomes[w])];
    }

    NpgsqlBatchCommand Known(List<Write> rows)
    {
        var command = Messages(knownSql, rows);
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("medico_ids", [.. rows.Select(w => w.MedicoId!.Value)]));
        return command;
    }

    NpgsqlBatchCommand New(List<Write> rows)
    {
        var command = Messages(newSql, rows);
        Text(command, "telefones", rows, w => w.Doctor!.Telefone);
        Text(command, "doctor_jids", rows, w => w.Doctor!.WhatsappJid);
        Text(command, "lids", rows, w => w.Doctor!.WhatsappLid);
        Text(command, "primeiros_nomes", rows, w => w.Doctor!.PrimeiroNome);
        Text(command, "sobrenomes", rows, w => w.Doctor!.Sobrenome);
        command.Parameters.Add(new NpgsqlParameter<byte[]?[]>("hashes_telefone", [.. rows.Select(w => w.Doctor!.HashTelefone)]));
        command.Parameters.Add(new NpgsqlParameter<byte[]?[]>("hashes_lid", [.. rows.Select(w => w.Doctor!.HashLid)]));
        return command;
    }

    static NpgsqlBatchCommand Messages(string sql, List<Write> rows)
    {
        var command = new NpgsqlBatchCommand(sql);
        Text(command, "tipos", rows, w => w.Row.Kind);
        Text(command, "conteudos", rows, w => w.Row.Content);
        Text(command, "midias", rows, w => w.Row.MediaJson);
        Text(command, "message_ids", rows, w => w.Row.ProviderMessageId);
        Text(command, "jids", rows, w => w.Row.RemoteJid);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]>("recebidas", [.. rows.Select(w => w.Row.ReceivedAt)]));
        Text(command, "chatwoot_ids", rows, w => w.Row.ChatwootConversationId);
        return command;
    }

    static void Text(NpgsqlBatchCommand command, string name, List<Write> rows, Func<Write, string?> value) =>
        command.Parameters.Add(new NpgsqlParameter<string?[]>(name, [.. rows.Select(value)]));

    public static string? MediaJson(WhatsApp.InboundMedia? media) => media is null ? null : JsonSerializer.Serialize(new
    {
        mimetype = media.MimeType, filename = media.FileName, caption = media.Caption, seconds = media.Seconds,
    });

    public ValueTask DisposeAsync() => commits.DisposeAsync();
}
