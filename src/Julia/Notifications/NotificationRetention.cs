using Julia.Maintenance;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Julia.Notifications;

/// <summary>Staff notices delivered more than RETENCAO_FILA_ENVIADA_DIAS (30) ago, or given up more than 90 days ago.</summary>
internal sealed class NotificationRetention(NpgsqlDataSource db, IOptions<RetentionOptions> options) : SqlRetentionTarget(db)
{
    const string Expired = """
        (status = 'enviada' AND enviada_em < now() - make_interval(days => @days))
        OR (status = 'falhou' AND created_at < now() - make_interval(days => @days * 3))
        """;

    public override string Name => $"notificacoes (enviadas > {Days} dias, falhas > {Days * 3} dias)";
    public override int Order => 30;
    protected override int Days => options.Value.SentQueueDays;
    protected override string CountSql => $"SELECT count(*) FROM notificacoes WHERE {Expired}";
    protected override string DeleteSql => $"""
        DELETE FROM notificacoes WHERE id IN (SELECT id FROM notificacoes WHERE {Expired} LIMIT @batch FOR UPDATE SKIP LOCKED)
        """;
}
