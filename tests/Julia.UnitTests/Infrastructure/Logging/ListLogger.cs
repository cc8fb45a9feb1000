using Microsoft.Extensions.Logging;

namespace Julia.UnitTests.Infrastructure.Logging;

/// <summary>Keeps every line logged through it, to assert on a line's level, event id, words and exception.</summary>
internal sealed class ListLogger : ILogger
{
    public readonly List<(LogLevel Level, int EventId, string Message, Exception? Exception)> All = [];
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
    public bool IsEnabled(LogLevel logLevel) => true;
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        All.Add((logLevel, eventId.Id, formatter(state, exception), exception));
}
