using Dapper;
using Npgsql;

namespace Julia.Dashboard;

/// <summary>One group of the funnel: `total`, one `campanha` or one `especialidade` (ids null for "without").</summary>
internal sealed record FunnelRow(
    string Kind, long? CampaignId, Guid? SpecialtyId, string? Name, long Contacted, long Answered, long Offered, long Reserved,
    long Confirmed, long OptedOut, long? AnsweredSeconds, long? OfferedSeconds, long? ReservedSeconds, long? ConfirmedSeconds,
    long? OptedOutSeconds);

/// <summary>Runs <see cref="FunnelSql"/> in one round trip. Read-only.</summary>
internal sealed class FunnelStore(NpgsqlDataSource db)
{
    public async Task<IReadOnlyList<FunnelRow>> ReadAsync(SaoPauloDays days, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<FunnelRow>(new CommandDefinition(FunnelSql.ByGroup,
            new { de = days.From.UtcDateTime, ate = days.To.UtcDateTime }, cancellationToken: ct))).ToList();
    }
}
