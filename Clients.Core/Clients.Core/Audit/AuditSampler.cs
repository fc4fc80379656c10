using System.Collections.Concurrent;

namespace ClientPlatform.Clients.Core.Audit;

/// <summary>
/// Refusals that anyone can cause by the thousand (a rate limit, a credential that fails) are audited sampled: at most
/// one event per key (an action and a caller's address, or a partition) per <see cref="Interval"/> on each replica,
/// and that event says how many of the same it stands for. So a flood is visible in the audit log without writing it.
/// </summary>
public sealed class AuditSampler(TimeProvider time)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    /// <summary>The change an audited sample carries: how many like it went unrecorded since the last one.</summary>
    public const string UnrecordedField = "unrecorded_since_last";

    private const int MaxKeys = 10_000;
    private readonly ConcurrentDictionary<string, Sample> _samples = new();

    /// <summary>Whether to record this event; when so, <paramref name="unrecorded"/> is how many were left out before it.</summary>
    public bool ShouldRecord(string key, out int unrecorded)
    {
        var now = time.GetUtcNow();
        if (_samples.Count > MaxKeys)
            _samples.Clear(); // a flood of distinct keys must not exhaust memory; forgetting errs on the side of recording
        var recorded = false;
        var skipped = 0;
        _samples.AddOrUpdate(key,
            _ => { recorded = true; return new Sample(now, 0); },
            (_, last) =>
            {
                // (Set on both branches: under contention this may run more than once, and the last run decides.)
                if (now - last.RecordedAt < Interval)
                {
                    recorded = false;
                    return last with { Unrecorded = last.Unrecorded + 1 };
                }
                (recorded, skipped) = (true, last.Unrecorded);
                return new Sample(now, 0);
            });
        unrecorded = skipped;
        return recorded;
    }

    /// <summary>The change that says how many events like this one were left out before it.</summary>
    public static AuditChange Unrecorded(int count) => new(UnrecordedField, null, System.Text.Json.JsonSerializer.SerializeToElement(count));

    private sealed record Sample(DateTimeOffset RecordedAt, int Unrecorded);
}
