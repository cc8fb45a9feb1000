using System.Data;
using System.Text.Json.Nodes;
using Julia.Infrastructure.Time;
using Npgsql;

namespace Julia.Privacy;

/// <summary>
/// `GET /admin/medicos/{id}/dados`, `julia titular exportar`: one JSON document with everything held about a doctor —
/// a section per table (each owner's rows, all columns) and his Redis keys — read in one snapshot, and the request
/// recorded in solicitacoes_titular with the row count per section.
/// </summary>
internal sealed partial class SubjectExporter(NpgsqlDataSource db, IEnumerable<IPersonalDataOwner> owners, SubjectRequestStore store,
    SubjectCache cache, TimeProvider time, ILogger<SubjectExporter> logger)
{
    /// <summary>The document, or null when no doctor has this id.</summary>
    public async Task<JsonObject?> ExportAsync(Guid medicoId, string solicitadoPor, string? motivo, CancellationToken ct)
    {
        var requestedAt = time.GetUtcNow();
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        if (await store.FindSubjectAsync(c, medicoId, null, ct) is not { } subject) return null;

        var tables = new JsonObject();
        foreach (var owner in owners.OrderByDescending(o => o.Order)) await owner.ExportAsync(c, subject, tables, ct);
        await SubjectRequestStore.ExportAsync(c, medicoId, tables, ct);
        var keys = await cache.KeysAsync(c, subject, ct);
        var cached = await cache.ReadAsync(keys);

        var counts = tables.ToDictionary(t => t.Key, t => (long)(t.Value as JsonArray)!.Count);
        counts["redis"] = cached.Count;
        var request = await store.RecordAsync(c, tx, "exportar", medicoId, solicitadoPor, motivo, requestedAt, counts, ct);
        await tx.CommitAsync(ct);
        LogExported(medicoId, request.Id, counts.Values.Sum());

        var redis = new JsonObject();
        foreach (var (key, value) in cached) redis[key] = ParseOrText(value);
        return new JsonObject
        {
            ["titular"] = new JsonObject
            {
                ["medico_id"] = medicoId,
                ["apagado"] = subject.ApagadoEm is not null,
                ["exportado_em"] = SaoPaulo.ToLocal(time.GetUtcNow()).ToString("yyyy-MM-dd'T'HH:mm:sszzz"),
                ["solicitacao_id"] = request.Id,
            },
            ["tabelas"] = tables,
            ["redis"] = redis,
        };
    }

    static JsonNode? ParseOrText(string value)
    {
        try { return JsonNode.Parse(value); }
        catch (System.Text.Json.JsonException) { return JsonValue.Create(value); }
    }

    [LoggerMessage(EventId = 9701, Level = LogLevel.Information, Message = "LGPD: dados do médico {MedicoId} exportados (solicitação {SolicitacaoId}, {Linhas} linhas/chaves)")]
    private partial void LogExported(Guid medicoId, Guid solicitacaoId, long linhas);
}
