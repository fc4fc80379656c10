using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ClientPlatform.Testing;

/// <summary>
/// Every line each resource wrote to its console, as Aspire.Hosting.Testing forwards it to the test host's
/// logging (category <c>{AppHost}.Resources.{resource}</c>): what the dashboard's console-log view shows.
/// </summary>
public sealed class ResourceLogs : ILoggerProvider
{
    private const string Marker = ".Resources.";
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _lines = new();

    /// <summary>The lines of one resource (<c>registration-api-2</c>, <c>gateway</c>, …) so far.</summary>
    public IReadOnlyList<string> Of(string resource) =>
        _lines.TryGetValue(resource, out var lines) ? [.. lines] : [];

    /// <summary>How many lines <paramref name="resource"/> has written so far: a mark for <see cref="Since"/>.</summary>
    public int Count(string resource) => _lines.TryGetValue(resource, out var lines) ? lines.Count : 0;

    /// <summary>The lines of <paramref name="resource"/> after the mark <see cref="Count"/> gave.</summary>
    public IReadOnlyList<string> Since(string resource, int mark) => [.. Of(resource).Skip(mark)];

    /// <summary>Every resource's lines so far.</summary>
    public IReadOnlyList<string> All => [.. _lines.Values.SelectMany(l => l)];

    public ILogger CreateLogger(string categoryName)
    {
        var at = categoryName.IndexOf(Marker, StringComparison.Ordinal);
        return at < 0 ? NoLogger.Instance : new ResourceLogger(_lines.GetOrAdd(categoryName[(at + Marker.Length)..], _ => new()));
    }

    public void Dispose()
    {
    }

    private sealed class ResourceLogger(ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(formatter(state, exception));
    }

    private sealed class NoLogger : ILogger
    {
        public static readonly NoLogger Instance = new();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => false;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
        }
    }
}
