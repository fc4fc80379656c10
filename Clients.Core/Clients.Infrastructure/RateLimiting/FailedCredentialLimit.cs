using System.Collections.Concurrent;
using ClientPlatform.Clients.Infrastructure.Redis;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace ClientPlatform.Clients.Infrastructure.RateLimiting;

/// <summary>
/// A failed credential costs the caller (design.md §3): each one presented at /register/{id} or to the admin API takes a
/// permit of <see cref="RateLimitPolicies.FailedCredentials"/> from its address's log in Redis, shared by every replica.
/// The failure that finds the log full is answered 429, and from then until a permit frees the replica answers every
/// credential from that address 429 itself, before any lookup (<see cref="IsBlocked"/>: no Redis, no PostgreSQL). So an
/// address gets exactly the limit of 401s per window; each other replica makes at most one more lookup before it learns
/// the address is over. A valid credential costs nothing, and a cached read no round trip more.
/// </summary>
public sealed class FailedCredentialLimit(DistributedRateLimiter limiter, IOptionsMonitor<RateLimitOptions> options, TimeProvider time)
{
    private const int MaxBlocked = 100_000;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _blockedUntil = new();

    /// <summary>The caller's address, as this limit and its sampled audit events count it.</summary>
    public string AddressOf(HttpContext context) => CallerAddress.Partition(context, options.CurrentValue.Ipv6PrefixLength);

    /// <summary>Whether this address is over its limit, as this replica knows; if so, the refusal with how long to wait.</summary>
    public bool IsBlocked(HttpContext context, out RateLimitDecision refusal)
    {
        refusal = new RateLimitDecision(true, TimeSpan.Zero);
        // Every credentialed request asks: while no address is blocked, the answer costs no address string.
        if (_blockedUntil.IsEmpty || !options.CurrentValue.Enabled)
            return false;
        var address = AddressOf(context);
        if (!_blockedUntil.TryGetValue(address, out var until))
            return false;
        var now = time.GetUtcNow();
        if (until <= now)
        {
            _blockedUntil.TryRemove(KeyValuePair.Create(address, until)); // served its time
            return false;
        }
        refusal = new RateLimitDecision(false, until - now);
        return true;
    }

    /// <summary>Counts a failed credential; refused when the address has no failure left in the window (answer 429).</summary>
    public async Task<RateLimitDecision> RecordFailureAsync(HttpContext context)
    {
        var settings = options.CurrentValue;
        if (!settings.Enabled)
            return new RateLimitDecision(true, TimeSpan.Zero);
        var address = AddressOf(context);
        var decision = await limiter.AcquireAsync(RateLimitPolicies.FailedCredentials, address, settings.For(RateLimitPolicies.FailedCredentials));
        if (!decision.Allowed)
        {
            if (_blockedUntil.Count > MaxBlocked)
                _blockedUntil.Clear(); // forgetting only costs a Redis round trip at the address's next failure
            _blockedUntil[address] = time.GetUtcNow() + decision.RetryAfter;
        }
        return decision;
    }
}
