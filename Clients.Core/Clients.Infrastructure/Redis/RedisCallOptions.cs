using System.ComponentModel.DataAnnotations;

namespace ClientPlatform.Clients.Infrastructure.Redis;

/// <summary>
/// How every Redis call of a service is bounded, the cache's and the rate limiter's alike (<see cref="RedisCircuit"/>).
/// Read from section "Cache", where these settings have always been; validated at start-up.
/// </summary>
public sealed class RedisCallOptions
{
    public const string SectionName = "Cache";

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
