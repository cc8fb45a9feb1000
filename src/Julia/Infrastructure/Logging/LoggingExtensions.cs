using Julia.Infrastructure.Configuration;
using Microsoft.Extensions.Logging.Console;

namespace Julia.Infrastructure.Logging;

internal static class LoggingExtensions
{
    /// <summary>
    /// Console only, one line per event, level from LOG_LEVEL (DEBUG=true lowers it to DEBUG); framework chatter kept at
    /// WARNING unless DEBUG.
    /// </summary>
    public static void AddJuliaLogging(this IHostApplicationBuilder builder)
    {
        LogLevels.TryParse(builder.Configuration["Log:Level"] ?? "INFO", out var level);
        if (bool.TryParse(builder.Configuration["App:Debug"], out var debug) && debug && level > LogLevel.Debug) level = LogLevel.Debug;
        var production = string.Equals(builder.Configuration["App:Environment"], "production", StringComparison.OrdinalIgnoreCase);
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(level);
        var frameworkLevel = level <= LogLevel.Debug ? level : LogLevel.Warning;
        builder.Logging.AddFilter("Microsoft", frameworkLevel);
        builder.Logging.AddFilter("System", frameworkLevel);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", level <= LogLevel.Information ? LogLevel.Information : level);
        // Polly reports every peer timeout at ERROR; each caller logs what it means (a retry, a fallback, an unknown
        // send), so its own lines are kept for DEBUG and never flood `grep ERROR`.
        builder.Logging.AddFilter("Polly", level <= LogLevel.Debug ? level : LogLevel.Critical);
        builder.Logging.AddFilter("Npgsql", frameworkLevel); // its INFO lines carry SQL text
        // Framework lines anyone can repeat at will, one per request and without a token (docs/decisions.md#configuration):
        // the health checks' verdict on every `GET /health/ready` while a part is degraded or down (WARNING, ERROR — the
        // part's owner logs its outage itself, once), and a static page asked for a byte range past its end (WARNING).
        builder.Logging.AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", level <= LogLevel.Debug ? level : LogLevel.Critical);
        builder.Logging.AddFilter("Microsoft.AspNetCore.StaticFiles", level <= LogLevel.Debug ? level : LogLevel.Error);
        builder.Logging.AddConsole(o => o.FormatterName = JuliaConsoleFormatter.Name);
        // At DEBUG the framework writes each request's URL, `?token=` included: no line carries a secret (docs/decisions.md#log-secrets).
        var secrets = LogSecrets.From(builder.Configuration);
        builder.Logging.AddConsoleFormatter<JuliaConsoleFormatter, JuliaConsoleFormatterOptions>(o =>
        {
            o.Json = production;
            o.Secrets = secrets;
        });
    }
}
