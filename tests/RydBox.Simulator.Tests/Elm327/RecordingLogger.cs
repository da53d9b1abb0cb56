using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace RydBox.Simulator.Tests.Elm327;

/// <summary>Keeps what the servers log, to check they report clients coming and going.</summary>
public sealed class RecordingLogger : ILogger
{
    private readonly ConcurrentQueue<string> _messages = new();

    public IReadOnlyList<string> Messages => [.. _messages];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _messages.Enqueue(formatter(state, exception) + (exception is null ? "" : " " + exception));

    /// <summary>Waits (bounded) until <paramref name="count"/> messages contain <paramref name="text"/>.</summary>
    public bool WaitFor(string text, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (DateTime.UtcNow < deadline)
        {
            if (Messages.Count(m => m.Contains(text, StringComparison.Ordinal)) >= count)
            {
                return true;
            }

            Thread.Sleep(10);
        }

        return false;
    }
}
