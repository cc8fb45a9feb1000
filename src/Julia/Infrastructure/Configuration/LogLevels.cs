namespace Julia.Infrastructure.Configuration;

/// <summary>
/// Maps LOG_LEVEL's operator names onto .NET levels: the runbook's four, the two extremes (TRACE, CRITICAL) and the
/// aliases Python's logging also takes (WARN, FATAL) plus INFORMATION; the start-up error lists every one of them
/// (docs/decisions.md#configuration).
/// </summary>
internal static class LogLevels
{
    /// <summary>Every accepted name (case-insensitive), the canonical ones first, in order of severity.</summary>
    static readonly (string Name, LogLevel Level)[] Names =
    [
        ("TRACE", LogLevel.Trace), ("DEBUG", LogLevel.Debug), ("INFO", LogLevel.Information), ("WARNING", LogLevel.Warning),
        ("ERROR", LogLevel.Error), ("CRITICAL", LogLevel.Critical), ("INFORMATION", LogLevel.Information), ("WARN", LogLevel.Warning),
        ("FATAL", LogLevel.Critical),
    ];

    /// <summary>What the start-up error says a bad LOG_LEVEL must be: built from <see cref="Names"/>, so it never lists fewer.</summary>
    public static readonly string Accepted =
        $"precisa ser {string.Join(", ", Names[..5].Select(n => n.Name))} ou {Names[5].Name} ({Names[7].Name}, {Names[6].Name} e {Names[8].Name} também valem)";

    public static bool TryParse(string text, out LogLevel level)
    {
        var name = text.Trim();
        foreach (var (accepted, mapped) in Names)
            if (string.Equals(name, accepted, StringComparison.OrdinalIgnoreCase))
            {
                level = mapped;
                return true;
            }
        level = LogLevel.Information;
        return false;
    }
}
