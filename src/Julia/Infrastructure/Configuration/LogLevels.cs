namespace Julia.Infrastructure.Configuration;

/// <summary>Maps LOG_LEVEL's operator names onto .NET levels.</summary>
internal static class LogLevels
{
    public static bool TryParse(string text, out LogLevel level)
    {
        (var ok, level) = text.Trim().ToUpperInvariant() switch
        {
            "TRACE" => (true, LogLevel.Trace),
            "DEBUG" => (true, LogLevel.Debug),
            "INFO" or "INFORMATION" => (true, LogLevel.Information),
            "WARNING" or "WARN" => (true, LogLevel.Warning),
            "ERROR" => (true, LogLevel.Error),
            "CRITICAL" => (true, LogLevel.Critical),
            _ => (false, LogLevel.Information),
        };
        return ok;
    }
}
