using Dapper;
using Julia.Infrastructure.Database;
using Npgsql;

namespace Julia.Doctors;

/// <summary>
/// SQL on medicos. Only Doctors writes this table; where another feature's statement must change a doctor in the same
/// round trip, it embeds the SQL text built here (the *Cte / *Sql members).
/// </summary>
internal sealed class DoctorStore(NpgsqlDataSource db, IEnumerable<IOptOutEffect> optOutEffects)
{
    internal const string Columns = """
        id AS Id, telefone AS Telefone, whatsapp_jid AS WhatsappJid, whatsapp_lid AS WhatsappLid, primeiro_nome AS PrimeiroNome,
        sobrenome AS Sobrenome, opted_out AS OptedOut, bloqueado AS Bloqueado, stage_jornada AS StageJornada
        """;

    /// <summary>The doctor of @canonical, or of its 12-digit legacy form @legacy (canonical first).</summary>
    const string ByPhoneSql = $"SELECT {Columns} FROM medicos WHERE telefone IN (@canonical, @legacy) ORDER BY (telefone = @canonical) DESC LIMIT 1";

    /// <summary>
    /// A CTE for another feature's statement that acts on the doctor of a phone in the same round trip: the lookup of
    /// <see cref="FindByPhoneAsync"/> (parameters @canonical and @legacy, see <see cref="PhoneParameters"/>), with the
    /// columns of <see cref="DoctorRecord"/> in lower case (`id`, `telefone`, …).
    /// </summary>
    internal static string ByPhoneCte(string name) => $"{name} AS ({ByPhoneSql})";

    internal static object PhoneParameters(string canonical) => new { canonical, legacy = PhoneNumbers.LegacyVariant(canonical) };

    /// <summary>By canonical phone, or by its 12-digit legacy form (which is then rewritten to the canonical one).</summary>
    public async Task<DoctorRecord?> FindByPhoneAsync(string canonical, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        var found = await c.QueryFirstOrDefaultPreparedAsync<DoctorRecord>(ByPhoneSql, ct, PhoneParameters(canonical));
        if (found is null || found.Telefone == canonical) return found;
        var rewritten = await c.ExecuteAsync(new CommandDefinition(
            "UPDATE medicos SET telefone = @canonical WHERE id = @id AND NOT EXISTS (SELECT 1 FROM medicos WHERE telefone = @canonical)",
            new { canonical, id = found.Id }, cancellationToken: ct));
        return rewritten == 1 ? found with { Telefone = canonical } : found;
    }

    public async Task<DoctorRecord?> FindByLidAsync(string lid, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QueryFirstOrDefaultPreparedAsync<DoctorRecord>($"SELECT {Columns} FROM medicos WHERE whatsapp_lid = @lid", ct, new { lid });
    }

    public async Task<DoctorRecord?> FindByIdAsync(Guid id, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QueryFirstOrDefaultPreparedAsync<DoctorRecord>($"SELECT {Columns} FROM medicos WHERE id = @id", ct, new { id });
    }

    /// <summary>Keeps the address book true: the JID replies go to, the LID↔phone pair, a first name from pushName.</summary>
    public async Task<DoctorRecord> RefreshIdentityAsync(DoctorRecord doctor, string jid, string? lid, string? pushName, CancellationToken ct)
    {
        var (title, first, last) = NewDoctor.SplitName(pushName);
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QuerySingleAsync<DoctorRecord>(new CommandDefinition($"""
            UPDATE medicos SET
                -- A LID that is another doctor's, or not this doctor's own, is never his reply address (a reply would reach
                -- someone else): his phone JID stays (docs/decisions.md#inbound).
                whatsapp_jid = CASE WHEN @jid LIKE '%@lid'
                                     AND ((whatsapp_lid IS NOT NULL AND whatsapp_lid <> @jid)
                                          OR EXISTS (SELECT 1 FROM medicos o WHERE o.whatsapp_lid = @jid AND o.id <> @id))
                                    THEN COALESCE(CASE WHEN whatsapp_jid NOT LIKE '%@lid' THEN whatsapp_jid END, telefone || '@s.whatsapp.net', whatsapp_jid)
                                    ELSE @jid END,
                whatsapp_lid = CASE WHEN whatsapp_lid IS NULL AND @lid::text IS NOT NULL
                                     AND NOT EXISTS (SELECT 1 FROM medicos o WHERE o.whatsapp_lid = @lid) THEN @lid ELSE whatsapp_lid END,
                primeiro_nome = COALESCE(NULLIF(primeiro_nome, ''), @first),
                sobrenome = CASE WHEN NULLIF(primeiro_nome, '') IS NULL THEN COALESCE(sobrenome, @last) ELSE sobrenome END,
                titulo = CASE WHEN NULLIF(primeiro_nome, '') IS NULL THEN COALESCE(titulo, @title) ELSE titulo END
            WHERE id = @id
            RETURNING {Columns}
            """, new { id = doctor.Id, jid, lid, first, last, title }, cancellationToken: ct));
    }

    /// <summary>
    /// The JID Evolution verified for his number becomes his send address, unless he has none to verify any more (erased)
    /// or a message of his set a LID address meanwhile. His phone when changed (to drop his cached views), else null.
    /// </summary>
    public async Task<string?> SetVerifiedJidAsync(Guid id, string jid, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QuerySingleOrDefaultAsync<string?>(new CommandDefinition("""
            UPDATE medicos SET whatsapp_jid = @jid
            WHERE id = @id AND deleted_at IS NULL AND telefone IS NOT NULL
              AND (whatsapp_jid IS NULL OR (whatsapp_jid NOT LIKE '%@lid' AND whatsapp_jid <> @jid))
            RETURNING telefone
            """, new { id, jid }, cancellationToken: ct));
    }

    /// <summary>The phone of a doctor who had none, unless another doctor has it (also when one took it a moment ago).</summary>
    public async Task<bool> PairPhoneAsync(Guid id, string canonical, byte[]? phoneHash, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        try
        {
            // Like a new sender's phone (InsertNewCte): a phone erased after opting out comes back opted out.
            var paired = await c.QuerySingleOrDefaultAsync<(bool OptedOut, bool Erased)?>(new CommandDefinition("""
                UPDATE medicos SET telefone = @canonical
                WHERE id = @id AND telefone IS NULL AND NOT EXISTS (SELECT 1 FROM medicos WHERE telefone = @canonical)
                RETURNING opted_out, EXISTS (SELECT 1 FROM titulares_apagados WHERE opted_out AND hash_telefone = @phoneHash::bytea)
                """, new { id, canonical, phoneHash }, tx, cancellationToken: ct));
            if (paired is null) return false;
            if (paired.Value.Erased && !paired.Value.OptedOut) await OptOutAsync(tx, id, ErasedOptOutReason, ct);
            await tx.CommitAsync(ct);
            return true;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return false; // another doctor got this phone between the check and the write: he keeps it
        }
    }

    /// <summary>Whether an identity refresh would change anything (so the common path writes nothing).</summary>
    public static bool NeedsRefresh(DoctorRecord d, string jid, string? lid, string? pushName) =>
        d.WhatsappJid != jid || (lid is not null && d.WhatsappLid is null) || (string.IsNullOrEmpty(d.PrimeiroNome) && !string.IsNullOrWhiteSpace(pushName));

    /// <summary>
    /// Opt-out (docs/decisions.md#opt-out): never contacted proactively again, and every registered effect (pending
    /// campaign sends…) in the caller's transaction. Returns the row as it now is.
    /// </summary>
    public async Task<DoctorRecord> OptOutAsync(NpgsqlTransaction tx, Guid id, string reason, CancellationToken ct)
    {
        var updated = await tx.Connection!.QuerySingleAsync<DoctorRecord>(new CommandDefinition($"""
            UPDATE medicos SET opted_out = true, opted_out_at = now(), opted_out_reason = @reason, stage_jornada = 'opt_out'
            WHERE id = @id
            RETURNING {Columns}
            """, new { id, reason }, tx, cancellationToken: ct));
        foreach (var effect in optOutEffects) await effect.OnOptOutAsync(tx, id, ct);
        return updated;
    }

    /// <summary>
    /// In the caller's transaction: whether the doctor was erased (docs/decisions.md#lgpd) — a turn that was waiting for the
    /// model meanwhile writes nothing about him.
    /// </summary>
    public static Task<bool> IsErasedAsync(NpgsqlTransaction tx, Guid id, CancellationToken ct) =>
        tx.Connection!.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM medicos WHERE id = @id AND apagado_em IS NOT NULL)", new { id }, tx, cancellationToken: ct));

    /// <summary>
    /// The doctor (not deleted nor erased) for a message staff caused, share-locked until the caller commits: an opt-out
    /// at the same moment either committed first (and is seen here) or waits, then cancels what the caller queued.
    /// </summary>
    public Task<DoctorRecord?> FindForMessageAsync(NpgsqlTransaction tx, Guid id, CancellationToken ct) =>
        tx.Connection!.QueryFirstOrDefaultAsync<DoctorRecord>(new CommandDefinition(
            $"SELECT {Columns} FROM medicos WHERE id = @id AND deleted_at IS NULL AND apagado_em IS NULL FOR SHARE", new { id }, tx, cancellationToken: ct));

    /// <summary>His title (`Dr.`, `Dra.`), for a message Júlia sends on her own.</summary>
    public Task<string?> TitleAsync(NpgsqlTransaction tx, Guid id, CancellationToken ct) =>
        tx.Connection!.ExecuteScalarAsync<string?>(new CommandDefinition("SELECT titulo FROM medicos WHERE id = @id", new { id }, tx, cancellationToken: ct));

    /// <summary>
    /// After a reservation: `qualificado` if the doctor was earlier in the funnel — or had fallen out of it (`nao_respondeu`,
    /// `inativo`, `perdido`): a doctor who reserves is back (docs/decisions.md#reservations, "A doctor who comes back").
    /// Not from `docs_pendentes`, `cadastrado`, `ativo` (further on) nor `opt_out` (his request stands).
    /// </summary>
    public Task QualifyAsync(NpgsqlTransaction tx, Guid id, CancellationToken ct) =>
        tx.Connection!.ExecuteAsync(new CommandDefinition("""
            UPDATE medicos SET stage_jornada = 'qualificado'
            WHERE id = @id AND stage_jornada IN ('novo', 'msg_enviada', 'aguardando_resposta', 'respondeu', 'em_conversacao',
                                                 'nao_respondeu', 'inativo', 'perdido')
            """, new { id }, tx, cancellationToken: ct));

    /// <summary>After a shift he worked: `ativo`, unless he already is or opted out.</summary>
    public Task ActivateAsync(NpgsqlTransaction tx, Guid id, CancellationToken ct) =>
        tx.Connection!.ExecuteAsync(new CommandDefinition("""
            UPDATE medicos SET stage_jornada = 'ativo' WHERE id = @id AND stage_jornada NOT IN ('ativo', 'opt_out')
            """, new { id }, tx, cancellationToken: ct));

    /// <summary>The phones of these doctors (those who have one).</summary>
    public async Task<IReadOnlyList<string>> PhonesAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return [.. await c.QueryAsync<string>(new CommandDefinition(
            "SELECT telefone FROM medicos WHERE id = ANY(@ids) AND telefone IS NOT NULL", new { ids = ids.ToArray() }, cancellationToken: ct))];
    }

    /// <summary>
    /// The doctor's Chatwoot contact, once found; never on a doctor erased meanwhile (docs/decisions.md#lgpd, "A Chatwoot
    /// mapping under way"): the update itself reads `apagado_em`, after waiting for an erasure holding his row (one that
    /// finds the id already stored deletes that contact itself). False when he
    /// was erased (or is gone): a contact the caller has just created for him must then be deleted.
    /// </summary>
    public async Task<bool> SetChatwootContactAsync(Guid id, string contactId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.ExecuteScalarAsync<bool>(new CommandDefinition("""
            WITH stored AS (
                UPDATE medicos SET chatwoot_contact_id = @contactId
                WHERE id = @id AND apagado_em IS NULL AND chatwoot_contact_id IS DISTINCT FROM @contactId RETURNING 1)
            SELECT EXISTS (SELECT 1 FROM stored)
                OR EXISTS (SELECT 1 FROM medicos WHERE id = @id AND apagado_em IS NULL AND chatwoot_contact_id = @contactId)
            """, new { id, contactId }, cancellationToken: ct));
    }

    /// <summary>Merges keys into preferencias_detectadas (jsonb ||) and returns the result.</summary>
    public async Task<string> MergePreferencesAsync(Guid id, string patchJson, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QuerySingleAsync<string>(new CommandDefinition(
            "UPDATE medicos SET preferencias_detectadas = preferencias_detectadas || @patch::jsonb WHERE id = @id RETURNING preferencias_detectadas::text",
            new { id, patch = patchJson }, cancellationToken: ct));
    }

    /// <summary>
    /// The pause he asked for (docs/decisions.md#contact-pause): no campaign or follow-up reaches him before
    /// <paramref name="until"/>. A new pause replaces the one in force; the same one again keeps when it was asked for
    /// (staff repeating a request is not a new one). Null when he is erased or removed; otherwise the end (UTC) of the
    /// pause in force it replaced, when it was a different one (<see cref="PauseWrite"/>). Writers go through
    /// <see cref="ContactPauses"/>, which drops his cached views.
    /// </summary>
    public async Task<PauseWrite?> PauseContactAsync(Guid id, DateTimeOffset until, string reason, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        // The pause it replaces is read in the same statement as the write: two staff pausing him at once are each told
        // the one their own write replaced, never a date read before the other's.
        return await c.QuerySingleOrDefaultAsync<PauseWrite>(new CommandDefinition("""
            UPDATE medicos m SET contato_pausado_ate = @until, contato_pausado_motivo = @reason,
                   contato_pausado_em = CASE WHEN old.ate = @until AND old.motivo = @reason THEN old.em ELSE now() END
            FROM (SELECT id, contato_pausado_ate AS ate, contato_pausado_motivo AS motivo, contato_pausado_em AS em
                  FROM medicos WHERE id = @id AND deleted_at IS NULL AND apagado_em IS NULL FOR UPDATE) old
            WHERE m.id = old.id
            RETURNING CASE WHEN old.ate > now() AND (old.ate <> @until OR old.motivo IS DISTINCT FROM @reason) THEN old.ate END AS Replaced
            """, new { id, until = until.UtcDateTime, reason }, cancellationToken: ct));
    }

    /// <summary>
    /// Ends his pause before its date (he said he is back). Returns the date the pause would have ended, or null when
    /// none was in force (a past one is cleared too, and reported as none).
    /// </summary>
    public async Task<DateTime?> ResumeContactAsync(Guid id, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.ExecuteScalarAsync<DateTime?>(new CommandDefinition("""
            UPDATE medicos m SET contato_pausado_ate = NULL, contato_pausado_motivo = NULL, contato_pausado_em = NULL
            FROM (SELECT id, contato_pausado_ate AS ate FROM medicos WHERE id = @id FOR UPDATE) old
            WHERE m.id = old.id AND old.ate IS NOT NULL
            RETURNING CASE WHEN old.ate > now() THEN old.ate END
            """, new { id }, cancellationToken: ct));
    }

    /// <summary>
    /// The condition "his pause is in force" over the doctor <paramref name="m"/>, for the proactive features' queries
    /// (campaign segment and feed, follow-ups). The queue, which uses no feature, reads the same column in its claim.
    /// </summary>
    /// <remarks>False, never NULL, without a pause: the callers negate it ("AND NOT …"), and NOT NULL drops the row.</remarks>
    public static string ContactPausedSql(string m) => $"COALESCE({m}.contato_pausado_ate > now(), false)";

    /// <summary>
    /// A CTE that creates a sender met for the first time (race-free: ON CONFLICT DO NOTHING) from the parameters of a
    /// <see cref="NewDoctor"/> (@Telefone, @WhatsappJid, @WhatsappLid, @PrimeiroNome, @Sobrenome, @Titulo, @HashTelefone, @HashLid);
    /// returns his id, or no row when he already exists. A sender erased after opting out (titulares_apagados, read only)
    /// comes back opted out (docs/decisions.md#lgpd). With <paramref name="onlyWhen"/>, nobody is created unless it holds.
    /// </summary>
    public static string InsertNewCte(string name, string onlyWhen = "true") => $"""
        {name} AS (
            INSERT INTO medicos (telefone, whatsapp_jid, whatsapp_lid, primeiro_nome, sobrenome, titulo, stage_jornada, origem,
                                 opted_out, opted_out_at, opted_out_reason)
            SELECT @Telefone, @WhatsappJid, @WhatsappLid, @PrimeiroNome, @Sobrenome, @Titulo,
                   CASE WHEN a.opted_out THEN 'opt_out' ELSE 'novo' END, 'whatsapp_inbound',
                   a.opted_out, CASE WHEN a.opted_out THEN now() END, CASE WHEN a.opted_out THEN '{ErasedOptOutReason}' END
            FROM (SELECT EXISTS (SELECT 1 FROM titulares_apagados
                                 WHERE opted_out AND hash_telefone IN (@HashTelefone::bytea, @HashLid::bytea)) AS opted_out) a
            WHERE {onlyWhen}
            ON CONFLICT DO NOTHING
            RETURNING id)
        """;

    /// <summary>opted_out_reason of a sender who opted out, was erased at his request and wrote again.</summary>
    public const string ErasedOptOutReason = "opt_out_anterior_apagado";

    /// <summary>
    /// A CTE: when <paramref name="answered"/> holds, the doctor answered — funnel `respondeu`, pressure −20 for each of
    /// his <paramref name="messages"/> (a burst of three answers three times, as three turns would have). A doctor
    /// already past `respondeu` with no pressure is left alone: no new row version on every message he writes, so
    /// `medicos` (eight indexes) is not rewritten nor re-analyzed by autovacuum for nothing (docs/decisions.md#turn-scheduling).
    /// </summary>
    public static string AnsweredCte(string medicoParam, string answered, string messages) => $"""
        doctor_answered AS (
            UPDATE medicos m SET
                stage_jornada = CASE WHEN m.stage_jornada IN ({StagesBeforeAnswer})
                                     THEN 'respondeu' ELSE m.stage_jornada END,
                pressure_score = GREATEST(0, m.pressure_score - 20 * {messages})
            WHERE m.id = {medicoParam} AND {answered}
              AND (m.stage_jornada IN ({StagesBeforeAnswer}) OR m.pressure_score > 0)
            RETURNING m.id, m.stage_jornada, m.telefone)
        """;

    const string StagesBeforeAnswer = "'novo', 'msg_enviada', 'aguardando_resposta', 'nao_respondeu'";

    /// <summary>
    /// A statement: follow-ups went out to the doctors of <paramref name="followUps"/> (a relation with medico_id and
    /// step `fu1`/`fu2`/`fu3`) — pressure +15 (max 100); after `fu3` the doctor is `nao_respondeu` if he was earlier in
    /// the funnel (<see cref="StagesBeforeQualified"/>). A doctor `qualificado`, `docs_pendentes`, `cadastrado` or `ativo`
    /// who let a shift offer go unanswered is still where he was; `inativo`/`perdido` are staff's words and stay
    /// (docs/decisions.md#fu3-funnel).
    /// </summary>
    public static string FollowedUpSql(string followUps) => $"""
        UPDATE medicos m SET pressure_score = LEAST(100, m.pressure_score + 15),
               stage_jornada = CASE WHEN s.step = 'fu3' AND m.stage_jornada IN ({StagesBeforeQualified}) THEN 'nao_respondeu' ELSE m.stage_jornada END
        FROM {followUps} s WHERE m.id = s.medico_id
        """;

    /// <summary>The funnel before qualification, where "he did not answer" is the news (docs/decisions.md#fu3-funnel).</summary>
    const string StagesBeforeQualified = "'novo', 'msg_enviada', 'aguardando_resposta', 'respondeu', 'em_conversacao'";

    /// <summary>
    /// A condition on a row <paramref name="o"/> of a sent batch (medico_id, answer_basis): the doctor wrote after the
    /// basis — any message, attached to a conversation or not (inbound written as "not outbound", as in the send's own
    /// re-check, src/Julia/Queue/DispatchStore.cs).
    /// </summary>
    public static string AnsweredSince(string o) =>
        $"EXISTS (SELECT 1 FROM interacoes i WHERE i.medico_id = {o}.medico_id AND i.direcao <> 'saida' AND i.created_at > {o}.answer_basis)";

    /// <summary>
    /// A statement: an opening message went out to the doctors of <paramref name="contacts"/> (a relation with medico_id,
    /// first_contact and answer_basis) — funnel `msg_enviada` (unless he wrote after answer_basis: he answered, whichever
    /// landed first), primeiro_contato_em, pressure +20 (+25 on a first contact).
    /// </summary>
    public static string ContactedSql(string contacts) => $"""
        UPDATE medicos m SET stage_jornada = CASE WHEN m.stage_jornada IN ('novo', 'nao_respondeu', 'inativo') AND NOT {AnsweredSince("s")}
                                                  THEN 'msg_enviada' ELSE m.stage_jornada END,
               primeiro_contato_em = COALESCE(m.primeiro_contato_em, now()),
               pressure_score = LEAST(100, m.pressure_score + CASE WHEN s.first_contact THEN 25 ELSE 20 END)
        FROM {contacts} s WHERE m.id = s.medico_id
        """;
}
