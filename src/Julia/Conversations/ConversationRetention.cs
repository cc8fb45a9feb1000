using Julia.Maintenance;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Julia.Conversations;

/// <summary>interacoes older than RETENCAO_INTERACOES_DIAS (90).</summary>
internal sealed class InteractionRetention(NpgsqlDataSource db, IOptions<RetentionOptions> options) : SqlRetentionTarget(db)
{
    public override string Name => $"interacoes (> {Days} dias)";
    public override int Order => 10;
    protected override int Days => options.Value.InteractionsDays;
    protected override string CountSql => "SELECT count(*) FROM interacoes WHERE created_at < now() - make_interval(days => @days)";
    protected override string DeleteSql => """
        DELETE FROM interacoes WHERE id IN (
            SELECT id FROM interacoes WHERE created_at < now() - make_interval(days => @days) LIMIT @batch FOR UPDATE SKIP LOCKED)
        """;
}

/// <summary>
/// conversations created and last active more than RETENCAO_CONVERSAS_DIAS (90) ago, with no open handoff; their handoffs
/// and evaluations go with them, other rows keep theirs with conversa_id NULL.
/// </summary>
internal sealed class ConversationRetention(NpgsqlDataSource db, IOptions<RetentionOptions> options) : SqlRetentionTarget(db)
{
    const string Expired = """
        c.created_at < now() - make_interval(days => @days)
        AND COALESCE(c.last_message_at, c.created_at) < now() - make_interval(days => @days)
        AND NOT EXISTS (SELECT 1 FROM handoffs h WHERE h.conversa_id = c.id AND h.status IN ('pendente', 'em_atendimento'))
        """;

    public override string Name => $"conversations (> {Days} dias, sem handoff aberto)";
    public override int Order => 40;
    protected override int Days => options.Value.ConversationsDays;
    protected override string CountSql => $"SELECT count(*) FROM conversations c WHERE {Expired}";
    protected override string DeleteSql => $"""
        DELETE FROM conversations WHERE id IN (SELECT c.id FROM conversations c WHERE {Expired} LIMIT @batch FOR UPDATE SKIP LOCKED)
        """;
}
