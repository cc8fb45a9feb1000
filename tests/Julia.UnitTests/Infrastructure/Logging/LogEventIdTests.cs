using System.Text.RegularExpressions;

namespace Julia.UnitTests.Infrastructure.Logging;

/// <summary>
/// The production JSON line carries `event_id`: one id, one kind of line. The quality judge's lines reused the daily
/// report's 9501 and 9502 (an audit of what people read, 2026-12-05), so a filter on `event_id` 9501 mixed an ERROR of the
/// report with an INFO of the judge.
/// </summary>
public sealed partial class LogEventIdTests
{
    [Fact]
    public void EveryLogLineHasAnEventIdOfItsOwn()
    {
        var root = Path.Combine(ArchitectureDocument.RepositoryRoot(), "src", "Julia");
        var ids = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .SelectMany(f => LoggerMessageId().Matches(File.ReadAllText(f)).Select(m => (Id: int.Parse(m.Groups[1].Value), File: Path.GetRelativePath(root, f))))
            .ToList();
        Assert.True(ids.Count > 100, $"only {ids.Count} [LoggerMessage] event ids found");
        var shared = ids.GroupBy(i => i.Id).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(i => i.File))}").ToList();
        Assert.True(shared.Count == 0, "event ids used twice:\n" + string.Join("\n", shared));
    }

    [GeneratedRegex(@"\[LoggerMessage\(\s*EventId\s*=\s*(\d+)")]
    private static partial Regex LoggerMessageId();
}
