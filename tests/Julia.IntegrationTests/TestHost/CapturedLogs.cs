using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Julia.IntegrationTests.TestHost;

/// <summary>Collects every log line the app writes, to assert on log words (ERROR, handoff, enviar) and on masking.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    public sealed record Line(LogLevel Level, string Category, int EventId, string Message);

    readonly ConcurrentQueue<Line> lines = new();

    public IReadOnlyList<Line> Lines => [.. lines];

    /// <summary>
    /// Waits for a line the app writes after the state a test waited for (a Redis or row write comes first, the line just
    /// after: reading the log at once raced it in CI); fails naming what was awaited.
    /// </summary>
    public async Task AssertLoggedAsync(Func<Line, bool> match, string what, int seconds = 10)
    {
        try { await Eventually.MatchesAsync(() => Task.FromResult(lines.Any(match)), found => found, seconds); }
        catch (Xunit.Sdk.XunitException) { throw new Xunit.Sdk.XunitException($"no log line {what} in {seconds}s"); }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    sealed class Logger(CapturedLogs sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sink.lines.Enqueue(new Line(logLevel, category, eventId.Id, formatter(state, exception) + (exception is null ? "" : " | " + exception)));
    }
}
