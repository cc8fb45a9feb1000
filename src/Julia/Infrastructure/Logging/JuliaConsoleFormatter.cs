using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Julia.Infrastructure.Logging;

internal sealed class JuliaConsoleFormatterOptions : ConsoleFormatterOptions
{
    public bool Json { get; set; }

    /// <summary>Values no line may carry (docs/decisions.md#log-secrets).</summary>
    public LogSecrets Secrets { get; set; } = LogSecrets.None;
}

/// <summary>
/// One line per event with the level spelt as operators grep it (ERROR, WARNING, INFO, DEBUG).
/// Text in development; JSON (timestamp, level, message, category, …) when ENVIRONMENT=production.
/// </summary>
internal sealed class JuliaConsoleFormatter(IOptionsMonitor<JuliaConsoleFormatterOptions> options)
    : ConsoleFormatter(Name)
{
    public new const string Name = "julia";

    /// <summary>
    /// Microsoft.Extensions.Hosting's "Hosting failed to start" (a hosted service threw while the host started), with the
    /// exception's whole trace: never written. The exception reaches the CLI, which says why in one line of its own
    /// (src/Julia/Cli/FailureLine.cs; the trace with DEBUG=true); the trace printed before that line buried it.
    /// </summary>
    const string StartupFault = "HostedServiceStartupFaulted";

    public override void Write<TState>(in LogEntry<TState> entry, IExternalScopeProvider? scopeProvider, TextWriter writer)
    {
        if (entry.EventId.Name == StartupFault) return;
        var message = entry.Formatter(entry.State, entry.Exception);
        if (string.IsNullOrEmpty(message) && entry.Exception is null) return;
        var secrets = options.CurrentValue.Secrets;
        message = secrets.Scrub(message ?? "");
        var level = LevelName(entry.LogLevel);
        var timestamp = DateTimeOffset.UtcNow;
        var category = ShortCategory(entry.Category);
        if (options.CurrentValue.Json)
            WriteJson(entry, writer, message, level, timestamp, category, secrets);
        else
            WriteText(entry, writer, message, level, timestamp, category, secrets);
    }

    static void WriteText<TState>(in LogEntry<TState> entry, TextWriter writer, string message, string level, DateTimeOffset timestamp, string category,
        LogSecrets secrets)
    {
        writer.Write(timestamp.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"));
        writer.Write(' ');
        writer.Write(level.PadRight(8));
        writer.Write(' '); // CRITICAL fills the 8 columns: without it "CRITICALHost:" matched no grep of the word
        writer.Write(category);
        writer.Write(": ");
        writer.Write(OneLine(message));
        if (entry.Exception is { } ex)
        {
            writer.Write(" | ");
            writer.Write(OneLine(secrets.Scrub(ex.ToString())));
        }
        writer.Write(Environment.NewLine);
    }

    /// <summary>
    /// Accents as they are ("médico", not "m\u00E9dico"), so the runbook's `grep` words find production's JSON lines too.
    /// Still valid JSON: the relaxed encoder escapes quotes, backslashes and control characters; the log is a file or a
    /// terminal, never HTML.
    /// </summary>
    static readonly JsonWriterOptions JsonLine = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    static void WriteJson<TState>(in LogEntry<TState> entry, TextWriter writer, string message, string level, DateTimeOffset timestamp, string category,
        LogSecrets secrets)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, JsonLine))
        {
            json.WriteStartObject();
            json.WriteString("timestamp", timestamp);
            json.WriteString("level", level);
            json.WriteString("message", message);
            json.WriteString("category", category);
            if (entry.EventId.Id != 0) json.WriteNumber("event_id", entry.EventId.Id);
            if (entry.State is IReadOnlyList<KeyValuePair<string, object?>> fields)
                foreach (var (key, value) in fields)
                    if (key != "{OriginalFormat}" && StructuredField(key) is { } name && value is not null)
                        json.WriteString(name, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
            if (entry.Exception is { } ex) json.WriteString("exception", secrets.Scrub(ex.ToString()));
            json.WriteEndObject();
        }
        writer.Write(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        writer.Write(Environment.NewLine);
    }

    // The production JSON carries the docs/decisions.md#configuration fields (medico_id, conversa_id, latencia_ms)
    // when a log call names them — `{MedicoId}` in a template is the field `medico_id`.
    static string? StructuredField(string key) => key switch
    {
        "medico_id" or "MedicoId" => "medico_id",
        "conversa_id" or "ConversaId" => "conversa_id",
        "latencia_ms" or "LatenciaMs" => "latencia_ms",
        "fila_id" or "FilaId" => "fila_id",
        "handoff_id" or "HandoffId" => "handoff_id",
        _ => null,
    };

    static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "TRACE",
        LogLevel.Debug => "DEBUG",
        LogLevel.Information => "INFO",
        LogLevel.Warning => "WARNING",
        LogLevel.Error => "ERROR",
        LogLevel.Critical => "CRITICAL",
        _ => "NONE",
    };

    static string ShortCategory(string category)
    {
        var dot = category.LastIndexOf('.');
        return dot >= 0 ? category[(dot + 1)..] : category;
    }

    static string OneLine(string text) => text.Contains('\n') ? text.ReplaceLineEndings(" ⏎ ") : text;
}
