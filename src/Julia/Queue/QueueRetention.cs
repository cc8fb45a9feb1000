using Julia.Maintenance;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Julia.Queue;

/// <summary>fila_mensagens `enviada` with enviada_em older than RETENCAO_FILA_ENVIADA_DIAS (30).</summary>
internal sealed class SentQueueRetention(NpgsqlDataSource db, IOptions<RetentionOptions> options) : SqlRetentionTarget(db)
{
    public override string Name => $"fila_mensagens enviadas (> {Days} dias)";
    public override int Order => 20;
    protected override int Days => options.Value.SentQueueDays;
    protected override string CountSql => "SELECT count(*) FROM fila_mensagens WHERE status = 'enviada' AND enviada_em < now() - make_interval(days => @days)";
    protected override string DeleteSql => """
        DELETE FROM fila_mensagens WHERE id IN (
            SELECT id FROM fila_mensagens WHERE status = 'enviada' AND enviada_em < now() - make_interval(days => @days)
            LIMIT @batch FOR UPDATE SKIP LOCKED)
        """;
}

/// <summary>fila_mensagens that ended unsent (`cancelada`, `bloqueada`, `erro`) more than 90 days ago.</summary>
internal sealed class EndedQueueRetention(NpgsqlDataSource db, IOptions<RetentionOptions> options) : SqlRetentionTarget(db)
{
    public override string Name => $"fila_mensagens canceladas/bloqueadas/erro (> {Days} dias)";
    public override int Order => 21;
    protected override int Days => options.Value.EndedQueueDays;
    protected override string CountSql => """
        SELECT count(*) FROM fila_mensagens WHERE status IN ('cancelada', 'bloqueada', 'erro') AND created_at < now() - make_interval(days => @days)
        """;
    protected override string DeleteSql => """
        DELETE FROM fila_mensagens WHERE id IN (
            SELECT id FROM fila_mensagens WHERE status IN ('cancelada', 'bloqueada', 'erro') AND created_at < now() - make_interval(days => @days)
            LIMIT @batch FOR UPDATE SKIP LOCKED)
        """;
}
