using Microsoft.Extensions.Logging;

namespace ReasoningGraph.Tests.Support;

/// <summary>Keeps every log entry written to it: level, event id, message and whether an exception (a stack trace) came with it.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly List<(LogLevel Level, int EventId, string Message, bool HasException)> _lines = [];

    public IReadOnlyList<(LogLevel Level, int EventId, string Message, bool HasException)> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_lines)
        {
            _lines.Add((logLevel, eventId.Id, formatter(state, exception), exception is not null));
        }
    }
}
