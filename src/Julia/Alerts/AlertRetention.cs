using Julia.Maintenance;
using Npgsql;

namespace Julia.Alerts;

/// <summary>`alertas_enviados` older than 90 days (docs/decisions.md#retention), in the `retencao` job with the other tables.</summary>
internal sealed class AlertRetention(NpgsqlDataSource db) : SqlRetentionTarget(db)
{
    public override string Name => $"alertas_enviados (> {Days} dias)";
    public override int Order => 35;
    protected override int Days => 90;
    protected override string CountSql => "SELECT count(*) FROM alertas_enviados WHERE created_at < now() - make_interval(days => @days)";
    protected override string DeleteSql => """
        DELETE FROM alertas_enviados WHERE id IN (
            SELECT id FROM alertas_enviados WHERE created_at < now() - make_interval(days => @days) LIMIT @batch FOR UPDATE SKIP LOCKED)
        """;
}
