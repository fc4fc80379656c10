using System.ComponentModel.DataAnnotations;

namespace ClientPlatform.Clients.Core.Caching;

/// <summary>Settings of the Redis client cache (section "Cache"), validated at start-up.</summary>
public sealed class CacheOptions
{
    public const string SectionName = "Cache";

    /// <summary>Off: every lookup goes to PostgreSQL (the cache stays invalidated, so turning it on again is safe).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How long an entry lives. Invalidation is exact while Redis is reachable; this bounds what a replica cut
    /// off from Redis (but not the others) could leave behind.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan EntryLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How many clients each process also keeps in its own memory, each used only while Redis confirms (in the
    /// read's one round trip) that it still holds that very version; 0 keeps none.
    /// </summary>
    [Range(0, 1_000_000)]
    public int LocalEntries { get; set; } = 10_000;

    /// <summary>
    /// How long a cache or rate-limit call waits for Redis before it gives up and takes the way round (PostgreSQL, the
    /// replica's own limits). A frozen Redis keeps its connections open, so without this each request waited out the
    /// client's own timeout (issue 36).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:05")]
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>After a Redis failure, how long nobody calls it (the circuit breaker's open time).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(2);
}
