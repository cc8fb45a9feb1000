using Dapper;
using Julia.Infrastructure.Time;
using Npgsql;

namespace Julia.Dashboard;

internal sealed record DayRow(string Day, long Conversations, long NewConversations, long Received, long Sent, long Handoffs, long Reserved, long OptOuts);

internal sealed record TokenRow(string Day, string Model, long InputTokens, long OutputTokens);

internal sealed record TotalsRow(long Conversations, long ActiveConversations, long Contacted, long Answered);

internal sealed record HandoffTypeRow(string Type, long Count);

internal sealed record ReplyTimesRow(long Samples, long? P50, long? P95);

internal sealed record QueueRow(long Pending, long Processing, long Errors24h, long OldestDueSeconds);

internal sealed record AlertRow(string Type, string Severity, string? Message, DateTime CreatedAt);

internal sealed record ReportExtrasRow(double? MeanQuality, long Evaluations, long ProactiveSends, long QueueErrors, long NoticeErrors);

/// <summary>Everything the dashboard and the daily report read, for one run of São Paulo days.</summary>
internal sealed record DashboardData(
    SaoPauloDays Days, IReadOnlyList<DayRow> PerDay, IReadOnlyList<TokenRow> Tokens, TotalsRow Totals, IReadOnlyList<HandoffTypeRow> HandoffTypes,
    ReplyTimesRow ReplyTimes, QueueRow Queue, IReadOnlyList<AlertRow> Alerts);

/// <summary>Runs <see cref="DashboardSql"/>: one round trip for the summary, one for the daily report. Read-only.</summary>
internal sealed class DashboardStore(NpgsqlDataSource db)
{
    public async Task<DashboardData> ReadAsync(SaoPauloDays days, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        var sql = string.Join(";\n", DashboardSql.PerDay, DashboardSql.TokensPerDay, DashboardSql.Totals, DashboardSql.ReplyTimes,
            DashboardSql.Queue, DashboardSql.Alerts);
        await using var grid = await c.QueryMultipleAsync(new CommandDefinition(sql, Args(days), cancellationToken: ct));
        var perDay = (await grid.ReadAsync<DayRow>()).ToList();
        var tokens = (await grid.ReadAsync<TokenRow>()).ToList();
        var totals = await grid.ReadSingleAsync<TotalsRow>();
        var handoffTypes = (await grid.ReadAsync<HandoffTypeRow>()).ToList();
        var replyTimes = await grid.ReadSingleAsync<ReplyTimesRow>();
        var queue = await grid.ReadSingleAsync<QueueRow>();
        var alerts = (await grid.ReadAsync<AlertRow>()).ToList();
        return new DashboardData(days, perDay, tokens, totals, handoffTypes, replyTimes, queue, alerts);
    }

    /// <summary>The figures of one whole day for the daily report.</summary>
    public async Task<(DayRow Day, TotalsRow Totals, ReportExtrasRow Extras)> ReadDayAsync(SaoPauloDays day, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        var sql = string.Join(";\n", DashboardSql.PerDay, DashboardSql.Totals, DashboardSql.ReportExtras);
        await using var grid = await c.QueryMultipleAsync(new CommandDefinition(sql, Args(day), cancellationToken: ct));
        var perDay = await grid.ReadSingleAsync<DayRow>();
        var totals = await grid.ReadSingleAsync<TotalsRow>();
        _ = await grid.ReadAsync<HandoffTypeRow>();
        var extras = await grid.ReadSingleAsync<ReportExtrasRow>();
        return (perDay, totals, extras);
    }

    static object Args(SaoPauloDays d) => new
    {
        de = d.From.UtcDateTime, ate = d.To.UtcDateTime, tz = SaoPaulo.Zone.Id,
        primeiro = d.First.ToString("yyyy-MM-dd"), ultimo = d.Last.ToString("yyyy-MM-dd"),
    };
}
