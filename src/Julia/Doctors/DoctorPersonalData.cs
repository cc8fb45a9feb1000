using System.Text.Json.Nodes;
using Dapper;
using Julia.Privacy;
using Npgsql;

namespace Julia.Doctors;

/// <summary>
/// Doctors' part of a data-subject request (docs/decisions.md#lgpd): the medicos row and the manager directives about
/// him. Erasure keeps the row — every conversation, message and send still counts on the dashboard — without anything
/// that identifies him: no phone, LID or JID (so no message can ever find it again), names, CRM, e-mail, city,
/// preferences, tags or why he paused contact; `apagado_em` and `deleted_at` set. Directives about him are deleted.
/// </summary>
internal sealed class DoctorPersonalData : IPersonalDataOwner
{
    public int Order => 100;

    public async Task ExportAsync(NpgsqlConnection c, DataSubject subject, JsonObject tables, CancellationToken ct)
    {
        await PersonalDataSql.AddSectionAsync(c, tables, "medicos", "SELECT * FROM medicos WHERE id = @medicoId", subject.Id, ct);
        await PersonalDataSql.AddSectionAsync(c, tables, "diretrizes",
            "SELECT * FROM diretrizes WHERE medico_id = @medicoId ORDER BY created_at", subject.Id, ct);
    }

    public async Task EraseAsync(NpgsqlTransaction tx, DataSubject subject, IDictionary<string, long> counts, CancellationToken ct)
    {
        await PersonalDataSql.CountAsync(tx, counts, "diretrizes", "DELETE FROM diretrizes WHERE medico_id = @medicoId", subject.Id, ct);
        await PersonalDataSql.CountAsync(tx, counts, "medicos", """
            UPDATE medicos SET telefone = NULL, whatsapp_jid = NULL, whatsapp_lid = NULL, primeiro_nome = NULL, sobrenome = NULL,
                   titulo = NULL, crm = NULL, cidade = NULL, regiao = NULL, email = NULL, especialidade = NULL,
                   opted_out_reason = NULL, bloqueado_motivo = NULL, contato_pausado_motivo = NULL, preferencias_detectadas = '{}', tags = '[]',
                   chatwoot_contact_id = NULL, ultima_abertura = NULL,
                   apagado_em = now(), deleted_at = COALESCE(deleted_at, now())
            WHERE id = @medicoId AND apagado_em IS NULL
            """, subject.Id, ct);
    }

    /// <summary>
    /// The canonical form of his phone — a row imported with the 12-digit legacy form is looked up, cached and hashed by
    /// the canonical one when he writes — and his LID as the intake keeps it.
    /// </summary>
    public IEnumerable<string> ErasedAddresses(DataSubject subject) =>
        new[] { subject.Telefone is { } phone ? PhoneNumbers.Canonical(phone) ?? phone : null, subject.WhatsappLid }.OfType<string>();

    public Task<IReadOnlyList<string>> CacheKeysAsync(NpgsqlConnection c, DataSubject subject, CancellationToken ct)
    {
        var keys = new List<string> { DoctorKeys.ById(subject.Id), DoctorKeys.Context(subject.Id) };
        if (subject.Telefone is { } phone)
        {
            var canonical = PhoneNumbers.Canonical(phone) ?? phone;
            keys.AddRange(new[] { phone, canonical, PhoneNumbers.LegacyVariant(canonical) }.OfType<string>().Distinct().Select(DoctorKeys.ByPhone));
        }
        return Task.FromResult<IReadOnlyList<string>>(keys);
    }

    public IReadOnlyList<string> SweptCachePatterns => [DoctorKeys.Family, DoctorKeys.ContextFamily];

    /// <summary>
    /// `medico:id:{id}` and `contexto:medico:{id}` whose row is erased or absent, and `medico:telefone:{phone}` whose phone
    /// (or its canonical or 12-digit form) is on no row that is not erased — an erased row has no phone. Keys of another
    /// shape are not judged.
    /// </summary>
    public async Task<IReadOnlyList<string>> OrphanCacheKeysAsync(NpgsqlConnection c, IReadOnlyList<string> keys, CancellationToken ct)
    {
        var byId = new List<(string Key, Guid Id)>();
        var byPhone = new List<(string Key, string[] Forms)>();
        foreach (var key in keys)
        {
            if (DoctorKeys.IdOf(key) is { } id) byId.Add((key, id));
            else if (DoctorKeys.PhoneOf(key) is { } phone)
            {
                var canonical = PhoneNumbers.Canonical(phone) ?? phone;
                byPhone.Add((key, new[] { phone, canonical, PhoneNumbers.LegacyVariant(canonical) }.OfType<string>().Distinct().ToArray()));
            }
        }
        var orphans = new List<string>();
        if (byId.Count > 0)
        {
            var live = (await c.QueryAsync<Guid>(new CommandDefinition(
                "SELECT id FROM medicos WHERE id = ANY(@ids) AND apagado_em IS NULL",
                new { ids = byId.Select(k => k.Id).Distinct().ToArray() }, cancellationToken: ct))).ToHashSet();
            orphans.AddRange(byId.Where(k => !live.Contains(k.Id)).Select(k => k.Key));
        }
        if (byPhone.Count > 0)
        {
            var live = (await c.QueryAsync<string>(new CommandDefinition(
                "SELECT telefone FROM medicos WHERE telefone = ANY(@phones) AND apagado_em IS NULL",
                new { phones = byPhone.SelectMany(k => k.Forms).Distinct().ToArray() }, cancellationToken: ct))).ToHashSet(StringComparer.Ordinal);
            orphans.AddRange(byPhone.Where(k => !k.Forms.Any(live.Contains)).Select(k => k.Key));
        }
        return orphans;
    }
}
