using System.ComponentModel.DataAnnotations;

namespace ClientPlatform.Clients.Infrastructure.Caching;

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
}
