namespace Julia.Infrastructure.Configuration;

/// <summary>
/// Maps LOG_LEVEL's operator names onto .NET levels: the runbook's four, the two extremes (TRACE, CRITICAL) and the
/// aliases Python's logging also takes (WARN, FATAL) plus INFORMATION; the start-up error lists every one of them
/// (docs/decisions.md#configuration).
/// </summary>
internal static class LogLevels
{
    /// <summary>The names the error lists first, in order of severity.</summary>
    static readonly (string Name, LogLevel Level)[] Canonical =
    [
        ("TRACE", LogLevel.Trace), ("DEBUG", LogLevel.Debug), ("INFO", LogLevel.Information), ("WARNING", LogLevel.Warning),
        ("ERROR", LogLevel.Error), ("CRITICAL", LogLevel.Critical),
    ];

    /// <summary>The other names that are accepted too.</summary>
    static readonly (string Name, LogLevel Level)[] Aliases =
        [("WARN", LogLevel.Warning), ("INFORMATION", LogLevel.Information), ("FATAL", LogLevel.Critical)];

    /// <summary>What the start-up error says a bad LOG_LEVEL must be: built from the two lists, so it never lists fewer.</summary>
    public static readonly string Accepted =
        $"precisa ser {string.Join(", ", Canonical[..^1].Select(n => n.Name))} ou {Canonical[^1].Name} " +
        $"({string.Join(", ", Aliases[..^1].Select(n => n.Name))} e {Aliases[^1].Name} também valem)";

    /// <summary>Every name accepted, canonical first (the .env.example check lists them against its comment).</summary>
    public static IEnumerable<string> Names => Canonical.Concat(Aliases).Select(n => n.Name);

    public static bool TryParse(string text, out LogLevel level)
    {
        var name = text.Trim();
        foreach (var (accepted, mapped) in Canonical.Concat(Aliases))
            if (string.Equals(name, accepted, StringComparison.OrdinalIgnoreCase))
            {
                level = mapped;
                return true;
            }
        level = LogLevel.Information;
        return false;
    }
}
