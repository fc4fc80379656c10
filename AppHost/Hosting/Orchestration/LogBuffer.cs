namespace ClientPlatform.Hosting;

/// <summary>The last lines of one process's console output, numbered so a reader can ask for what is new.</summary>
public sealed class LogBuffer(int capacity = 5000)
{
    private readonly Queue<LogLine> _lines = new();
    private long _next;

    public void Add(string text, bool isError)
    {
        lock (_lines)
        {
            _lines.Enqueue(new LogLine(_next++, DateTimeOffset.UtcNow, text, isError));
            if (_lines.Count > capacity)
                _lines.Dequeue();
        }
    }

    public IReadOnlyList<LogLine> Since(long sequence)
    {
        lock (_lines)
            return _lines.Where(l => l.Sequence >= sequence).ToList();
    }

    public IReadOnlyList<LogLine> Tail(int count)
    {
        lock (_lines)
            return _lines.Skip(Math.Max(0, _lines.Count - count)).ToList();
    }

    public bool Contains(string text)
    {
        lock (_lines)
            return _lines.Any(l => l.Text.Contains(text, StringComparison.Ordinal));
    }
}

public sealed record LogLine(long Sequence, DateTimeOffset Time, string Text, bool IsError);
