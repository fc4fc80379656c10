using StackExchange.Redis;

namespace ClientPlatform.Clients.Infrastructure.Redis;

/// <summary>
/// The sliding-log rule in Redis, written once for every script that takes a permit: the rate limiter's own, and the
/// cache's read, which takes one in the same round trip as the lookup (ClientCache). Both stand on this, not on each other.
/// </summary>
public static class SlidingLog
{
    /// <summary>
    /// The sliding log as a Lua function, the one definition of the rule for every script that takes a permit:
    /// <c>take_permit(key, limit, window ms, unique member)</c> returns {1, 0} or {0, retry-after ms}.
    /// </summary>
    public const string TakePermitFunction = """
        local function take_permit(key, limit, window, member)
          local t = redis.call('TIME')
          local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
          redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
          if redis.call('ZCARD', key) < limit then
            redis.call('ZADD', key, now, member)
            redis.call('PEXPIRE', key, window)
            return {1, 0}
          end
          local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
          return {0, tonumber(oldest[2]) + window - now}
        end
        """;
}

/// <summary>The answer for one request: allowed, or refused with how long until a permit frees.</summary>
public readonly record struct RateLimitDecision(bool Allowed, TimeSpan RetryAfter)
{
    /// <summary>Retry-After in whole seconds, at least 1 (RFC 9110 §10.2.3).</summary>
    public int RetryAfterSeconds => Math.Max(1, (int)Math.Ceiling(RetryAfter.TotalSeconds));

    /// <summary>The sliding log's reply: {1, 0} allowed, {0, ms until a permit frees} refused.</summary>
    internal static RateLimitDecision FromReply(RedisResult allowed, RedisResult retryAfterMs) =>
        new((long)allowed == 1, TimeSpan.FromMilliseconds((long)retryAfterMs));
}

/// <summary>
/// One permit to take from a partition's log, prepared so that another script can take it in the same round
/// trip as its own work (<see cref="SlidingLog.TakePermitFunction"/>).
/// </summary>
public sealed record PermitRequest(string Policy, string Partition, RedisKey Key, long PermitLimit, long WindowMs, string Member);
