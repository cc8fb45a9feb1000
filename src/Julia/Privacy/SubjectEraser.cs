using System.Text.Json.Nodes;
using Npgsql;

namespace Julia.Privacy;

/// <summary>What an erasure request came to: the audit row, and whether the doctor had already been erased.</summary>
internal sealed record ErasureResult(SubjectRequest Request, bool AlreadyErased);

/// <summary>
/// `POST /admin/medicos/{id}/apagar`, `julia titular apagar` (docs/decisions.md#lgpd): in one transaction every owner
/// erases or anonymises its rows about the doctor, the phone's keyed hash is kept (titulares_apagados) and the request
/// is recorded with its counts — the <see cref="IErasureEffect"/>s tell staff what they must act on (a shift he held)
/// in that transaction; then his Redis keys go and the Chatwoot contact is deleted — a failure there is
/// recorded in the audit row, never undoes the erasure. A second request finds the doctor erased and changes nothing.
/// </summary>
internal sealed partial class SubjectEraser(NpgsqlDataSource db, IEnumerable<IPersonalDataOwner> owners, IEnumerable<IExternalErasure> externals,
    IEnumerable<IErasureEffect> effects, SubjectRequestStore store, SubjectCache cache, CacheRemovalRetry cacheRetry, PhoneHasher hasher, TimeProvider time, ILogger<SubjectEraser> logger)
{
    /// <summary>Tries of a transaction Postgres chose as the victim of a deadlock (a turn writing about the doctor at that moment).</summary>
    public const int Attempts = 3;

    /// <summary>The committed erasure; <paramref name="Request"/> null: the doctor had been erased meanwhile, nothing changed.</summary>
    sealed record Erasure(DataSubject Subject, SubjectRequest? Request, SortedDictionary<string, long> Counts);

    /// <summary>Null when no doctor has this id.</summary>
    public async Task<ErasureResult?> EraseAsync(Guid medicoId, string solicitadoPor, string? motivo, CancellationToken ct)
    {
        var requestedAt = time.GetUtcNow();
        IReadOnlyList<string> keys;
        await using (var read = await db.OpenConnectionAsync(ct))
        {
            if (await store.FindSubjectAsync(read, medicoId, null, ct) is not { } seen) return null;
            if (seen.ApagadoEm is not null) return await AlreadyErasedAsync(medicoId, ct);
            keys = await cache.KeysAsync(read, seen, ct);
        }
        // Before and after the transaction: no process keeps serving a cached view of the doctor.
        await cache.RemoveAsync(keys);

        if (await RetryOnDeadlockAsync(medicoId, () => EraseOnceAsync(medicoId, solicitadoPor, motivo, requestedAt, ct)) is not { } erasure) return null;
        if (erasure.Request is not { } request) return await AlreadyErasedAsync(medicoId, ct);
        var (subject, counts) = (erasure.Subject, erasure.Counts);
        LogErased(medicoId, request.Id, counts.Values.Sum());
        // Committed: what follows is finished even if the caller goes away (an HTTP client that hung up), or
        // the Chatwoot contact would stay and a second request would only answer "já apagado". Each step has its own timeout.
        ct = CancellationToken.None;
        var cacheCleared = await cache.RemoveAsync(keys);
        if (!cacheCleared)
        {
            LogCacheNotCleared(medicoId);
            // Deleted when Redis answers again, not left to their TTL (docs/decisions.md#lgpd, "Redis down during an erasure").
            cacheRetry.Add(medicoId, keys);
        }

        // A request that found the doctor just before the commit (a message being stored, a reply being queued) may have
        // written about him after it: the owners' erasure once more, harmless on what is already erased.
        var late = await RetryOnDeadlockAsync(medicoId, async () =>
        {
            var changed = new SortedDictionary<string, long>(StringComparer.Ordinal);
            await using var c = await db.OpenConnectionAsync(ct);
            await using var tx = await c.BeginTransactionAsync(ct);
            foreach (var owner in owners.OrderBy(o => o.Order)) await owner.EraseAsync(tx, subject, changed, ct);
            await tx.CommitAsync(ct);
            return changed;
        });
        var lateRows = late.Values.Sum();
        if (lateRows > 0)
        {
            LogLateRows(medicoId, lateRows);
            foreach (var (table, n) in late) counts[table] = counts.GetValueOrDefault(table) + n;
        }

        var outside = new JsonObject();
        // The audit says so too, not only a WARNING line: his cached views (name, phone) live until their TTL.
        if (!cacheCleared) outside["redis"] = new JsonObject { ["status"] = "falhou", ["chaves"] = keys.Count, ["erro"] = "Redis indisponível: as chaves são apagadas quando ele voltar (ou expiram pelo CACHE_TTL)" };
        foreach (var external in externals)
        {
            JsonObject? result;
            try { result = await external.EraseAsync(subject, ct); }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                result = new JsonObject { ["status"] = "falhou", ["erro"] = ex.GetType().Name };
            }
            if (result is null) continue;
            outside[external.Name] = result;
            if (result["status"]?.GetValue<string>() == "falhou") LogExternalFailed(external.Name, medicoId, result["erro"]?.ToString() ?? "");
        }
        if (outside.Count > 0 || lateRows > 0)
            request = await store.CompleteAsync(request.Id, lateRows > 0 ? counts : null, outside.Count > 0 ? outside.ToJsonString() : null, ct);
        return new ErasureResult(request, AlreadyErased: false);
    }

    /// <summary>The one transaction, the doctor row locked first; null when no doctor has this id.</summary>
    async Task<Erasure?> EraseOnceAsync(Guid medicoId, string solicitadoPor, string? motivo, DateTimeOffset requestedAt, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        if (await store.FindSubjectAsync(c, medicoId, tx, ct) is not { } subject) return null;
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        if (subject.ApagadoEm is not null) return new Erasure(subject, null, counts);
        foreach (var address in owners.SelectMany(o => o.ErasedAddresses(subject)).Distinct(StringComparer.Ordinal))
            await store.RememberErasedPhoneAsync(tx, hasher.Hash(address)!, subject.OptedOut, ct);
        foreach (var owner in owners.OrderBy(o => o.Order)) await owner.EraseAsync(tx, subject, counts, ct);
        // What staff must now act on (a shift he held), committed with the erasure or not at all.
        foreach (var effect in effects) await effect.OnErasedAsync(tx, subject, ct);
        var request = await store.RecordAsync(c, tx, "apagar", medicoId, solicitadoPor, motivo, requestedAt, counts, ct);
        await tx.CommitAsync(ct);
        return new Erasure(subject, request, counts);
    }

    /// <summary>
    /// Runs a transaction again when Postgres aborted it to break a deadlock: the erasure locks the doctor's rows in an
    /// order a turn committing at that moment can cross; rolled back, it is simply run again.
    /// </summary>
    async Task<T> RetryOnDeadlockAsync<T>(Guid medicoId, Func<Task<T>> run)
    {
        for (var attempt = 1; ; attempt++)
        {
            try { return await run(); }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < Attempts)
            {
                LogDeadlock(medicoId, attempt);
            }
        }
    }

    async Task<ErasureResult> AlreadyErasedAsync(Guid medicoId, CancellationToken ct)
    {
        LogAlreadyErased(medicoId);
        var previous = await store.LastErasureAsync(medicoId, ct)
                       ?? throw new InvalidOperationException($"médico {medicoId} apagado sem solicitação registrada");
        return new ErasureResult(previous, AlreadyErased: true);
    }

    [LoggerMessage(EventId = 9702, Level = LogLevel.Information, Message = "LGPD: médico {MedicoId} apagado (solicitação {SolicitacaoId}, {Linhas} linhas apagadas ou anonimizadas)")]
    private partial void LogErased(Guid medicoId, Guid solicitacaoId, long linhas);

    [LoggerMessage(EventId = 9703, Level = LogLevel.Information, Message = "LGPD: médico {MedicoId} já estava apagado; nada mudou")]
    private partial void LogAlreadyErased(Guid medicoId);

    [LoggerMessage(EventId = 9704, Level = LogLevel.Error, Message = "LGPD: médico {MedicoId} apagado no banco, mas {Sistema} falhou ({Erro}): apague o contato à mão (runbook, LGPD)")]
    private partial void LogExternalFailed(string sistema, Guid medicoId, string erro);

    [LoggerMessage(EventId = 9705, Level = LogLevel.Warning, Message = "LGPD: Redis não respondeu ao apagar as chaves do médico {MedicoId}; tentadas de novo quando ele voltar")]
    private partial void LogCacheNotCleared(Guid medicoId);

    [LoggerMessage(EventId = 9707, Level = LogLevel.Warning, Message = "LGPD: apagar o médico {MedicoId} cruzou com outra transação (deadlock, tentativa {Tentativa}); de novo")]
    private partial void LogDeadlock(Guid medicoId, int tentativa);

    [LoggerMessage(EventId = 9708, Level = LogLevel.Information, Message = "LGPD: médico {MedicoId}: {Linhas} linhas gravadas durante o apagamento também apagadas ou anonimizadas")]
    private partial void LogLateRows(Guid medicoId, long linhas);
}
