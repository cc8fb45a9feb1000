namespace Julia.Queue;

/// <summary>
/// How late the queue is, for the features that report it (metrics, dashboard): a pending row is due once its
/// `agendar_para` has passed, and a row the gateway's failure keeps postponing stays due from when it first fell due,
/// `metadata.vencida_desde` (docs/decisions.md#queue). Fragments over `fila_mensagens`, at the instant <c>now</c> names.
/// </summary>
internal static class QueueAgeSql
{
    /// <summary>A pending row that is due at <paramref name="now"/>.</summary>
    public static string IsDuePending(string now) => $"status = 'pendente' AND (agendar_para <= {now} OR metadata ? 'vencida_desde')";

    /// <summary>Seconds since the oldest due pending row fell due (an aggregate; null when none is due).</summary>
    public static string OldestDueSeconds(string now) =>
        $"floor(extract(epoch FROM {now} - min(COALESCE((metadata->>'vencida_desde')::timestamptz, agendar_para)) FILTER (WHERE {IsDuePending(now)})))";
}
