using System.Collections.Concurrent;
using System.Security.Cryptography;
using ClientPlatform.Clients.Infrastructure.Redis;
using StackExchange.Redis;

namespace ClientPlatform.Clients.Infrastructure.RateLimiting;

/// <summary>
/// A sliding-log limiter in Redis: each partition is a sorted set of request times, trimmed, counted and
/// appended in one atomic script on Redis's own clock, so every replica counts against the same log and
/// clock skew between replicas cannot matter (3 replicas at 10 per minute accept 10, not 30). While Redis
/// is away (<see cref="RedisCircuit"/>, which says so in the log once) each replica keeps its own log.
/// </summary>
public sealed class DistributedRateLimiter(RedisCircuit circuit, TimeProvider time)
{
    // KEYS[1] the partition's log; ARGV: limit, window ms, a unique member.
    private static readonly RedisScript SlidingLogScript = new(SlidingLog.TakePermitFunction + """

        return take_permit(KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3])
        """);

    private const int MaxLocalPartitions = 100_000;

    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _local = new();

    /// <summary>A permit of <paramref name="policy"/> for <paramref name="partition"/>, not yet taken.</summary>
    public static PermitRequest Prepare(string policy, string partition, RateLimitPolicy limit) =>
        new(policy, partition, $"cp:rl:{policy}:{partition}", limit.PermitLimit, (long)limit.Window.TotalMilliseconds,
            Convert.ToHexString(RandomNumberGenerator.GetBytes(8)));

    public async Task<RateLimitDecision> AcquireAsync(string policy, string partition, RateLimitPolicy limit)
    {
        var permit = Prepare(policy, partition, limit);
        var (ok, reply) = await circuit.TryAsync(db => SlidingLogScript.EvaluateAsync(db, [permit.Key],
            [permit.PermitLimit, permit.WindowMs, permit.Member]));
        if (!ok)
            return AcquireLocally(permit.Key!, limit);
        var parts = (RedisResult[])reply!;
        return RateLimitDecision.FromReply(parts[0], parts[1]);
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
