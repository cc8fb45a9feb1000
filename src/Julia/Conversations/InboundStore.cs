using System.Text.Json;
using Julia.Doctors;
using Dapper;
using Julia.Infrastructure.Database;
using Npgsql;

namespace Julia.Conversations;

/// <summary>A doctor's message as it is made durable (interacoes, direcao='entrada').</summary>
/// <remarks>The Chatwoot conversation Evolution's integration names travels in <paramref name="MediaJson"/> (the turn maps it).</remarks>
internal sealed record InboundRow(string ProviderMessageId, string Kind, string Content, string? MediaJson, string RemoteJid, DateTimeOffset ReceivedAt);

/// <summary>
/// The one commit of an accepted webhook: the inbound interacoes row, deduplicated by the unique
/// (provider_message_id) WHERE direcao='entrada' index in the same statement (no read-then-write).
/// </summary>
internal sealed class InboundStore(NpgsqlDataSource db, IEnumerable<IInboundEffect> effects)
{
    const string Values = """
        'entrada', @Kind, 'medico', 'whatsapp', @Content, @MediaJson::jsonb, @ProviderMessageId, @RemoteJid, @ReceivedAt
        """;

    const string Columns = "direcao, tipo, autor_tipo, origem, conteudo, midia, provider_message_id, remote_jid, created_at";
    const string Inserted = "id, medico_id, tipo, conteudo, provider_message_id, created_at";

    // When the Evolution payload names the Chatwoot conversation, the doctor's open conversation remembers it.
    public const string ChatwootConversationKey = "chatwoot_conversation_id";
    public const string WrittenAtKey = "enviada_em";
    // The end of a long message the stored text cut off, kept only when it asks to stop or for a person (InboundText.CutTail).
    public const string CutTailKey = "fim_cortado";

    readonly string extraCtes = string.Concat(effects.Select(e => e.InsertedCte("inserted")).OfType<string>().Select(c => ",\n" + c));

    // The statements, built once per store (the registered effects' CTEs are fixed once the process starts): the
    // prepared-statement caches (PreparedStatements) then know each by reference instead of hashing its text per message.
    // None names `conversations`: the Chatwoot conversation a payload names is kept in the row's `midia` and the turn
    // maps it (ConversationStore.BeginTurnSql). A statement that names a table locks it, so an index build on
    // `conversations` held every webhook that carried the mapping until the 10 s statement limit and answered 503 — with
    // Evolution's Chatwoot integration on, every known doctor's (docs/decisions.md#inbound, "Intake needs only its own tables").
    string InsertSql => insertSql ??= $"""
        WITH erased AS (SELECT 1 FROM medicos WHERE id = @medicoId AND apagado_em IS NOT NULL),
        inserted AS (
            INSERT INTO interacoes (medico_id, {Columns}) SELECT @medicoId, {Values} WHERE NOT EXISTS (SELECT 1 FROM erased)
            ON CONFLICT (provider_message_id) WHERE direcao = 'entrada' DO NOTHING
            RETURNING {Inserted}){extraCtes}
        SELECT (SELECT medico_id FROM inserted), EXISTS (SELECT 1 FROM erased)
        """;

    string InsertForPhoneSql => insertForPhoneSql ??= $"""
        WITH {DoctorStore.ByPhoneCte("found")},
        inserted AS (
            INSERT INTO interacoes (medico_id, {Columns}) SELECT found.id, {Values} FROM found WHERE found.telefone = @canonical
            ON CONFLICT (provider_message_id) WHERE direcao = 'entrada' DO NOTHING
            RETURNING {Inserted}){extraCtes}
        SELECT found.*, (SELECT medico_id FROM inserted) AS stored, profile.*
        FROM found {DoctorProfileStore.LateralJoin("profile", "found.id")}
        """;

    string InsertWithNewDoctorSql => insertWithNewDoctorSql ??= $"""
        WITH {DoctorStore.InsertNewCte("novo", NotStoredYet)},
        inserted AS (
            INSERT INTO interacoes (medico_id, {Columns}) SELECT novo.id, {Values} FROM novo
            ON CONFLICT (provider_message_id) WHERE direcao = 'entrada' DO NOTHING
            RETURNING {Inserted}){extraCtes}
        SELECT medico_id FROM inserted
        """;

    string? insertSql, insertForPhoneSql, insertWithNewDoctorSql;

    /// <summary>
    /// Known doctor: one statement. <c>Stored</c> is the doctor id, or null when this message id was already stored;
    /// <c>Erased</c>: nothing was stored because the doctor was erased (docs/decisions.md#lgpd) — the caller's view of him
    /// is stale, and the sender is a new doctor.
    /// </summary>
    public async Task<(Guid? Stored, bool Erased)> InsertAsync(Guid medicoId, InboundRow row, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QuerySinglePreparedAsync<(Guid?, bool)>(InsertSql, ct, row, new { medicoId });
    }

    /// <summary>
    /// A sender by phone whom the cache did not know: his lookup (Doctors' SQL) and, when his row has this canonical phone,
    /// his message, in one statement — the lookup costs no round trip of its own (docs/decisions.md#inbound). His profile
    /// comes along, for the cache the turn reads (a doctor not cached is usually one whose profile is not cached either).
    /// Doctor null: nobody has this number (a new sender; nothing stored). A doctor found by the legacy 12-digit form of
    /// the number is returned with nothing stored: his number is rewritten first (<see cref="DoctorStore.FindByPhoneAsync"/>).
    /// <c>Stored</c> as in <see cref="InsertAsync"/>. No erasure check: an erased doctor's row has no phone.
    /// </summary>
    public async Task<(DoctorRecord? Doctor, Guid? Stored, DoctorProfile? Profile)> InsertForPhoneAsync(string canonical, InboundRow row, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        var rows = await c.QueryPreparedAsync<DoctorRecord, StoredFor, DoctorProfile, (DoctorRecord Doctor, StoredFor Stored, DoctorProfile Profile)>(InsertForPhoneSql,
            (doctor, stored, profile) => (doctor, stored, profile), "stored", "Id", ct, row, DoctorStore.PhoneParameters(canonical));
        return rows.Count == 0 ? (null, null, null) : (rows[0].Doctor, rows[0].Stored.Stored, rows[0].Profile);
    }

    sealed record StoredFor(Guid? Stored);

    /// <summary>
    /// First contact: the doctor row (Doctors' SQL, race-free) and his message in one statement,
    /// so even a new sender costs one commit. Null when nothing was inserted — a duplicate, or another process
    /// created the same doctor a moment ago; the caller then retries with <see cref="InsertAsync"/>.
    /// </summary>
    /// <summary>
    /// A message id already stored (a duplicate delivery, or an id another sender used) creates no doctor: he would be a
    /// row with no message (docs/decisions.md#inbound).
    /// </summary>
    const string NotStoredYet = "NOT EXISTS (SELECT 1 FROM interacoes WHERE provider_message_id = @ProviderMessageId AND direcao = 'entrada')";

    public async Task<Guid?> InsertWithNewDoctorAsync(NewDoctor doctor, InboundRow row, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QueryFirstOrDefaultPreparedAsync<Guid?>(InsertWithNewDoctorSql, ct, row, doctor);
    }

    /// <summary>What a message the doctor deleted for everyone becomes in the conversation (WhatsApp shows "Mensagem apagada").</summary>
    public const string DeletedByDoctor = Queue.QueueStore.DeletedInboundText;

    // A doctor's message only (`entrada`: never Júlia's or staff's), and when the event names the chat it came from (an
    // upsert's or a deletion's key), from that number or LID. An edit event names only the id (its key is the sender's).
    const string HisMessage = """
        provider_message_id = @targetId AND direcao = 'entrada'
          AND ((@canonical::text IS NULL AND @lid::text IS NULL)
               OR medico_id IN (SELECT id FROM medicos WHERE (@canonical::text IS NOT NULL AND telefone = @canonical)
                                                          OR (@lid::text IS NOT NULL AND whatsapp_lid = @lid)))
        """;

    // An edit reaches only a message no turn has read: one already answered keeps the words the answer was to. A text's
    // edit replaces its text; a photo's, a document's or a video's edit replaces its caption (WhatsApp edits a caption as
    // it edits a text; docs/decisions.md#inbound, "Edits and deletions").
    const string EditSql = $"""
        UPDATE interacoes SET conteudo = CASE WHEN tipo = 'texto' THEN @content ELSE conteudo END,
               midia = CASE WHEN tipo = 'texto' THEN midia - '{CutTailKey}'
                            ELSE COALESCE(midia, jsonb_build_object()) || jsonb_build_object('caption', @caption::text) END
        WHERE {HisMessage} AND processado_em IS NULL
          AND ((tipo = 'texto' AND conteudo IS DISTINCT FROM @content)
               OR (tipo IN ('imagem', 'documento', 'video') AND midia->>'caption' IS DISTINCT FROM @caption))
        RETURNING medico_id
        """;

    // A deletion takes his words (and a media's caption and quote) out of every later turn's history; a message no turn
    // has read is skipped. Where Evolution mirrors it in Chatwoot stays, for the turn that opens the conversation. A reply
    // to it still waiting (in the queue, or in its "digitando…") whose every line he has now deleted is cancelled
    // (Queue's SQL; the dispatcher checks again when it claims one).
    static readonly string DeleteSql = $"""
        WITH deleted AS (
                UPDATE interacoes SET conteudo = '{DeletedByDoctor}', processado_em = COALESCE(processado_em, now()),
                       midia = CASE WHEN midia ? '{ChatwootConversationKey}' THEN jsonb_build_object('{ChatwootConversationKey}', midia->'{ChatwootConversationKey}') END
                WHERE {HisMessage} AND conteudo IS DISTINCT FROM '{DeletedByDoctor}'
                RETURNING id, medico_id),
             withdrawn AS ({Queue.QueueStore.CancelWithdrawnRepliesSql("deleted")})
        SELECT medico_id AS MedicoId, (SELECT count(*) FROM withdrawn)::int AS RepliesCancelled FROM deleted
        """;

    /// <summary>The row <see cref="DeleteSql"/> returns.</summary>
    sealed record Deleted(Guid MedicoId, int RepliesCancelled);

    /// <summary>
    /// The doctor edited (<paramref name="content"/>: the new stored text of a text, <paramref name="caption"/> the same
    /// words bounded as a caption, for a media message) or deleted (null) his message <paramref name="targetId"/>: his id
    /// when a row changed, with how many reply rows waiting to answer only deleted lines a deletion cancelled
    /// (docs/decisions.md#inbound, "Edits and deletions").
    /// </summary>
    public async Task<(Guid MedicoId, int RepliesCancelled)?> ReviseAsync(string targetId, string? canonical, string? lid, string? content, string? caption,
        CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        if (content is not null)
            return await c.ExecuteScalarAsync<Guid?>(new CommandDefinition(EditSql, new { targetId, canonical, lid, content, caption }, cancellationToken: ct))
                is { } edited ? (edited, 0) : null;
        return await c.QueryFirstOrDefaultAsync<Deleted>(new CommandDefinition(DeleteSql, new { targetId, canonical, lid }, cancellationToken: ct))
            is { } deleted ? (deleted.MedicoId, deleted.RepliesCancelled) : null;
    }

    /// <summary>
    /// `midia`: the media's metadata; `citacao`, the text of the message the doctor quoted; `chatwoot_conversation_id`,
    /// where Evolution's Chatwoot integration mirrors it — kept on the row because the first message of a conversation
    /// arrives before the conversation exists, and the turn that opens it reads it from here (docs/decisions.md#handoff);
    /// `enviada_em`, when the message reached us 3 s or more after he wrote it, the instant he wrote it — the turn's order;
    /// the agent is told only from 5 min (docs/decisions.md#inbound).
    /// A media's `media_id` is the WhatsApp message id Evolution's `chat/getBase64FromMediaMessage` takes to fetch the file.
    /// </summary>
    public static string? MediaJson(WhatsApp.InboundMedia? media, string? mediaId = null, string? quoted = null, string? chatwootConversationId = null,
        DateTimeOffset? writtenLate = null, string? cutTail = null)
    {
        if (media is null && quoted is null && chatwootConversationId is null && writtenLate is null && cutTail is null) return null;
        var json = new Dictionary<string, object?>();
        if (media is not null)
        {
            json["mimetype"] = media.MimeType;
            json["filename"] = media.FileName;
            json["caption"] = media.Caption;
            json["seconds"] = media.Seconds;
            json["media_id"] = mediaId;
        }
        if (quoted is not null) json["citacao"] = quoted;
        if (chatwootConversationId is not null) json[ChatwootConversationKey] = chatwootConversationId;
        if (cutTail is not null) json[CutTailKey] = cutTail;
        if (writtenLate is { } at) json[WrittenAtKey] = at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        return JsonSerializer.Serialize(json);
    }
}
