using Dapper;
using Npgsql;

namespace Julia.Metrics;

/// <summary>`fila` of /admin/metricas/performance: a read-only look at the queue (`fila_mensagens`, owned by Queue).</summary>
internal sealed record QueueDepth(long Pendente, long Processando, long Erro24h, long? IdadeMaisAntigaS, long PendentesVencidas)
{
    public static async Task<QueueDepth> ReadAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QuerySingleAsync<QueueDepth>(new CommandDefinition(Sql, cancellationToken: ct));
    }

    static readonly string Sql = $"""
        SELECT count(*) FILTER (WHERE status = 'pendente') AS pendente,
               count(*) FILTER (WHERE status = 'processando') AS processando,
               count(*) FILTER (WHERE status = 'erro' AND created_at > now() - interval '24 hours') AS erro24h,
               {Queue.QueueAgeSql.OldestDueSeconds("now()")}::bigint AS idademaisantigas,
               count(*) FILTER (WHERE {Queue.QueueAgeSql.IsDuePending("now()")}) AS pendentesvencidas
        FROM fila_mensagens WHERE status IN ('pendente', 'processando', 'erro')
        """;

    public Dictionary<string, object?> ToJson() => new()
    {
        ["pendente"] = Pendente, ["processando"] = Processando, ["erro_24h"] = Erro24h,
        ["idade_mais_antiga_s"] = IdadeMaisAntigaS ?? 0, ["pendentes_vencidas"] = PendentesVencidas,
    };
}
