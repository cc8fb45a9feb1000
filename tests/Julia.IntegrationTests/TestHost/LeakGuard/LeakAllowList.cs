using Microsoft.Extensions.Logging;

namespace Julia.IntegrationTests.TestHost.LeakGuard;

/// <summary>
/// The one reviewed list of log lines that may carry a value the guard would otherwise call a leak
/// (docs/decisions.md#log-leak-guard). Each entry: which lines (category prefix and/or event id, at most which level),
/// which kind of value, and why. Keep it short: a new entry is a review decision, not a way to quiet a failing test.
/// </summary>
public static class LeakAllowList
{
    sealed record Entry(string? CategoryPrefix, int? EventId, LogLevel MaxLevel, string KindPrefix, string Reason);

    static readonly Entry[] Entries =
    [
    ];

    public static bool Allows(LeakScan.Line line, string kind) =>
        Entries.Any(e => line.Level <= e.MaxLevel
            && kind.StartsWith(e.KindPrefix, StringComparison.Ordinal)
            && (e.EventId is null || e.EventId == line.EventId)
            && (e.CategoryPrefix is null || line.Category.StartsWith(e.CategoryPrefix, StringComparison.Ordinal)));
}
