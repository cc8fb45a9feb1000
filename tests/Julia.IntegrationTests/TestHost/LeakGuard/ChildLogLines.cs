using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Julia.IntegrationTests.TestHost.LeakGuard;

/// <summary>
/// A child process's output as log lines: `2026-…Z LEVEL    Category: message` (text) or a JSON line (production);
/// anything else (a CLI's own printout, a stack trace's continuation) counts as Information.
/// </summary>
internal static class ChildLogLines
{
    public static IEnumerable<LeakScan.Line> Parse(IEnumerable<string> output)
    {
        foreach (var raw in output)
        {
            if (raw.StartsWith('{'))
            {
                LeakScan.Line? json = null;
                try
                {
                    using var doc = JsonDocument.Parse(raw);
                    var root = doc.RootElement;
                    json = new LeakScan.Line(Level(root.TryGetProperty("level", out var l) ? l.GetString() : null),
                        root.TryGetProperty("category", out var c) ? c.GetString() ?? "" : "",
                        root.TryGetProperty("event_id", out var e) && e.TryGetInt32(out var id) ? id : 0, raw);
                }
                catch (JsonException) { }
                if (json is not null) { yield return json; continue; }
            }
            var parts = raw.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 3 && parts[0].EndsWith('Z') && parts[0].Contains('T'))
            {
                var rest = parts[2];
                var colon = rest.IndexOf(": ", StringComparison.Ordinal);
                yield return new LeakScan.Line(Level(parts[1]), colon > 0 ? rest[..colon] : "", 0, raw);
            }
            else yield return new LeakScan.Line(LogLevel.Information, "", 0, raw);
        }
    }

    static LogLevel Level(string? word) => word switch
    {
        "TRACE" => LogLevel.Trace,
        "DEBUG" => LogLevel.Debug,
        "WARNING" => LogLevel.Warning,
        "ERROR" => LogLevel.Error,
        "CRITICAL" => LogLevel.Critical,
        _ => LogLevel.Information,
    };
}
