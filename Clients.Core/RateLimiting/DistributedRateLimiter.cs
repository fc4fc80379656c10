using System.Collections.Concurrent;
using System.Security.Cryptography;
using ClientPlatform.Clients.Core.Caching;
using StackExchange.Redis;

namespace ClientPlatform.Clients.Core.RateLimiting;

/// <summary>The answer for one request: allowed, or refused with how long until a permit frees.</summary>
public readonly record struct RateLimitDecision(bool Allowed, TimeSpan RetryAfter);

/// <summary>
/// A sliding-log limiter in Redis: each partition is a sorted set of request times, trimmed, counted and
/// appended in one atomic script on Redis's own clock, so every replica counts against the same log and
/// clock skew between replicas cannot matter (3 replicas at 10 per minute accept 10, not 30). While Redis
/// is away (<see cref="RedisCircuit"/>, which says so in the log once) each replica keeps its own log.
/// </summary>
public sealed class DistributedRateLimiter(RedisCircuit circuit, TimeProvider time)
{
    // KEYS[1] the partition's log; ARGV: limit, window ms, a unique member. Returns {allowed, retry-after ms}.
    private static readonly RedisScript SlidingLogScript = new("""
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local window = tonumber(ARGV[2])
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
        if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
          redis.call('ZADD', KEYS[1], now, ARGV[3])
          redis.call('PEXPIRE', KEYS[1], window)
          return {1, 0}
        end
        local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
        return {0, tonumber(oldest[2]) + window - now}
        """);

    private const int MaxLocalPartitions = 100_000;

    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _local = new();

    public async Task<RateLimitDecision> AcquireAsync(string policy, string partition, RateLimitPolicy limit)
    {
        var key = $"cp:rl:{policy}:{partition}";
        var (ok, reply) = await circuit.TryAsync(db => SlidingLogScript.EvaluateAsync(db, [key],
            [limit.PermitLimit, (long)limit.Window.TotalMilliseconds, Convert.ToHexString(RandomNumberGenerator.GetBytes(8))]));
        if (!ok)
            return AcquireLocally(key, limit);
        var parts = (RedisResult[])reply!;
        return new RateLimitDecision((long)parts[0] == 1, TimeSpan.FromMilliseconds((long)parts[1]));
    }

    /// <summary>The same sliding log, in this replica's memory.</summary>
    private RateLimitDecision AcquireLocally(string key, RateLimitPolicy limit)
    {
        if (_local.Count > MaxLocalPartitions)
            _local.Clear(); // a flood of distinct partitions must not exhaust memory; forgetting is the lenient side
        var log = _local.GetOrAdd(key, _ => new Queue<DateTimeOffset>());
        var now = time.GetUtcNow();
        lock (log)
        {
            while (log.Count > 0 && log.Peek() <= now - limit.Window)
                log.Dequeue();
            if (log.Count < limit.PermitLimit)
            {
                log.Enqueue(now);
                return new RateLimitDecision(true, TimeSpan.Zero);
            }
            return new RateLimitDecision(false, log.Peek() + limit.Window - now);
        }
    }
}
