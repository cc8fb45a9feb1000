using System.Text.Json.Nodes;
using Npgsql;

namespace Julia.Privacy;

/// <summary>
/// The doctor a data-subject request is about (docs/decisions.md#lgpd), as his medicos row was when the request began:
/// the addresses owners need to name their Redis keys after his row has been anonymised.
/// </summary>
internal sealed record DataSubject(Guid Id, string? Telefone, string? WhatsappJid, string? WhatsappLid, string? ChatwootContactId,
    bool OptedOut, DateTime? ApagadoEm);

/// <summary>
/// One table owner's part of a data-subject request (like <c>IRetentionTarget</c> for retention): the owner exports its
/// rows about the doctor and erases or anonymises them with SQL written in its own folder, so Privacy writes no other
/// feature's table. Register with <c>services.AddSingleton&lt;IPersonalDataOwner, …&gt;()</c>.
/// </summary>
internal interface IPersonalDataOwner
{
    /// <summary>Erasure order: rows found through others (notices through handoffs) before them; medicos last.</summary>
    int Order { get; }

    /// <summary>Adds one section per table (every row about the doctor, all columns) to <paramref name="tables"/>.</summary>
    Task ExportAsync(NpgsqlConnection c, DataSubject subject, JsonObject tables, CancellationToken ct);

    /// <summary>
    /// In the request's transaction: deletes or scrubs the doctor's rows, adding per table how many rows changed to
    /// <paramref name="counts"/>. Must be harmless when run again.
    /// </summary>
    Task EraseAsync(NpgsqlTransaction tx, DataSubject subject, IDictionary<string, long> counts, CancellationToken ct);

    /// <summary>
    /// The addresses a later message from the doctor would arrive with, in the form the intake hashes them (the canonical
    /// phone, the LID): their keyed hashes are what the erasure keeps (titulares_apagados). Only medicos' owner knows them.
    /// </summary>
    IEnumerable<string> ErasedAddresses(DataSubject subject) => [];

    /// <summary>Redis keys the owner may hold about the doctor: read for the export, removed around the erasure.</summary>
    Task<IReadOnlyList<string>> CacheKeysAsync(NpgsqlConnection c, DataSubject subject, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<string>>([]);

    /// <summary>
    /// The SCAN patterns of the owner's keys that deleting costs nothing for a doctor who is erased or absent (a pure
    /// cache: one miss; `rate:ultimo:*`: a gap before a send that will not happen), swept for keys about erased or absent
    /// doctors at start and when Redis answers again (<see cref="ErasedCacheSweeper"/>).
    /// </summary>
    IReadOnlyList<string> SweptCachePatterns => [];

    /// <summary>Of keys matching <see cref="SweptCachePatterns"/>, those about no doctor who is still there (erased or absent).</summary>
    Task<IReadOnlyList<string>> OrphanCacheKeysAsync(NpgsqlConnection c, IReadOnlyList<string> keys, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<string>>([]);
}

/// <summary>
/// Personal data held outside Júlia's stores (the Chatwoot contact). Runs after the database erasure committed; a failure
/// is reported, never thrown, and never undoes the erasure.
/// </summary>
internal interface IExternalErasure
{
    /// <summary>The key in solicitacoes_titular.externos, e.g. "chatwoot".</summary>
    string Name { get; }

    /// <summary>What happened, e.g. {"status": "apagado", "contato_id": "42"} or {"status": "falhou", "erro": "…"}; null when off.</summary>
    Task<JsonObject?> EraseAsync(DataSubject subject, CancellationToken ct);
}

/// <summary>
/// What another feature must do because the doctor was erased — not his data (the owners erase that) but what the
/// staff now need to know, such as a shift held by a record nobody can reach any more. Runs in the erasure's
/// transaction, after the owners, once (not in the second pass); must write nothing personal.
/// </summary>
internal interface IErasureEffect
{
    Task OnErasedAsync(NpgsqlTransaction tx, DataSubject subject, CancellationToken ct);
}
