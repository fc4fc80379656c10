using System.Collections.Concurrent;

namespace ClientPlatform.Clients.Core.Security;

/// <summary>
/// Documents fetched from URLs a caller named, kept per URL in this process: a success for its lifetime, a failure
/// briefly too (<see cref="OutboundFetchOptions.FailureCacheLifetime"/>), and concurrent requests for one URL share
/// one fetch — so a flood naming one URL, dead or alive, costs the platform one fetch per lifetime, not one each.
/// </summary>
public sealed class FetchedDocuments<T>(TimeProvider time)
{
    private const int MaxEntries = 10_000;
    private readonly ConcurrentDictionary<string, Entry> _entries = new();

    /// <param name="freshFor">How old a fetched document may be and still be used (a refresh asks for a shorter age).</param>
    /// <param name="fetch">Runs once per fetch, whoever asked first; not tied to any one caller's cancellation.</param>
    public async Task<T> GetAsync(string url, TimeSpan freshFor, TimeSpan failureFor, Func<Task<T>> fetch, CancellationToken cancellationToken)
    {
        while (true)
        {
            var now = time.GetUtcNow();
            if (_entries.TryGetValue(url, out var entry) && Usable(entry, now, freshFor, failureFor))
                return await entry.Value.WaitAsync(cancellationToken);
            if (_entries.Count >= MaxEntries)
                _entries.Clear(); // forgetting costs a fetch, never a wrong answer
            // Started only once it is the URL's entry: a request that loses the race must not fetch as well.
            var fetching = new Task<Task<T>>(fetch);
            var started = new Entry(now, fetching.Unwrap());
            if (entry is null ? _entries.TryAdd(url, started) : _entries.TryUpdate(url, started, entry))
            {
                fetching.Start(TaskScheduler.Default);
                return await started.Value.WaitAsync(cancellationToken);
            }
            // Another request started a fetch of this URL at the same moment: use that one.
        }
    }

    private static bool Usable(Entry entry, DateTimeOffset now, TimeSpan freshFor, TimeSpan failureFor) =>
        !entry.Value.IsCompleted
        || (entry.Value.IsCompletedSuccessfully ? now - entry.At < freshFor : now - entry.At < failureFor);

    private sealed record Entry(DateTimeOffset At, Task<T> Value);
}
