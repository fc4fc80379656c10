using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ClientPlatform.Clients.Infrastructure.Redis;

/// <summary>
/// A short circuit breaker in front of Redis, shared by the client cache and the rate limiter: after a
/// failure nobody calls Redis for <see cref="RedisCallOptions.BreakDuration"/>, so a dead Redis costs one
/// failed command per break, not a timeout per request; and no call waits longer than
/// <see cref="RedisCallOptions.CommandTimeout"/>, so a frozen one costs no more. It logs once when Redis goes and once when it returns.
/// </summary>
public sealed class RedisCircuit
{
    private readonly IConnectionMultiplexer _redis;
    private readonly IOptions<RedisCallOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<RedisCircuit> _logger;
    private long _openUntil;
    private int _down;
    private long _outages;

    public RedisCircuit(IConnectionMultiplexer redis, IOptions<RedisCallOptions> options, TimeProvider time, ILogger<RedisCircuit> logger)
    {
        (_redis, _options, _time, _logger) = (redis, options, time, logger);
        // A reconnection is proof enough that Redis is back: no need to wait out the break.
        redis.ConnectionRestored += (_, _) => Interlocked.Exchange(ref _openUntil, 0);
    }

    /// <summary>
    /// How many times this process has seen Redis go away. While it was away, another replica may have committed a change
    /// it could not invalidate and then died (its memory of that debt with it): an outage seen is reason enough to start a
    /// new cache epoch before the cache is trusted again (<see cref="ClientCache"/>).
    /// </summary>
    public long Outages => Interlocked.Read(ref _outages);

    /// <summary>Whether a call would be tried now.</summary>
    public bool IsClosed => _time.GetUtcNow().UtcTicks >= Interlocked.Read(ref _openUntil) && _redis.IsConnected;

    /// <summary>
    /// Runs <paramref name="call"/> against Redis unless the breaker is open; <c>Ok</c> is false when Redis could not answer.
    /// <paramref name="evenIfOpen"/>: tried whenever a connection is up, breaker or not. For what a write owes the cache (an
    /// invalidation): skipping it would leave the other processes, whose breakers are closed, serving the old value (issue 36:
    /// a replica that had given a busy Redis up for its break acknowledged an update the admin API then read back stale).
    /// </summary>
    public async Task<(bool Ok, T Value)> TryAsync<T>(Func<IDatabase, Task<T>> call, bool evenIfOpen = false)
    {
        if (evenIfOpen ? !_redis.IsConnected : !IsClosed)
        {
            if (!_redis.IsConnected)
                Trip(null);
            return (false, default!);
        }
        try
        {
            var value = await call(_redis.GetDatabase()).WaitAsync(_options.Value.CommandTimeout);
            if (Interlocked.Exchange(ref _down, 0) == 1)
                Log.RedisReturned(_logger);
            return (true, value);
        }
        catch (Exception e)
        {
            // Whatever a Redis call throws means Redis could not answer it: its own errors and timeouts, a disposed
            // multiplexer, and the cancellation of commands in flight when the client gives the connection up (a frozen
            // Redis: 500s on read, delete and register at that moment, issue 36). The request takes the way round.
            Trip(e);
            return (false, default!);
        }
    }

    private void Trip(Exception? reason)
    {
        Interlocked.Exchange(ref _openUntil, (_time.GetUtcNow() + _options.Value.BreakDuration).UtcTicks);
        if (Interlocked.Exchange(ref _down, 1) != 0)
            return;
        Interlocked.Increment(ref _outages);
        Log.RedisAway(_logger, reason?.GetType().Name ?? "not connected", _options.Value.BreakDuration.TotalSeconds);
    }
}
