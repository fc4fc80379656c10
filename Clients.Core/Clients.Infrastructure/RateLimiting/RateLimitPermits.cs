using ClientPlatform.Clients.Infrastructure.Redis;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace ClientPlatform.Clients.Infrastructure.RateLimiting;

/// <summary>
/// Lets a handler take the request's permit inside a Redis script it runs anyway, so that a cached read costs
/// one round trip, not two (issue 13). The permit is the one <see cref="RateLimitMiddleware"/> would take — same
/// policy, partition and log — and the middleware then applies this decision instead of asking again.
/// Only a request whose credential was found valid takes one: a refused credential still costs no permit.
/// </summary>
public sealed class RateLimitPermits(IOptionsMonitor<RateLimitOptions> options)
{
    /// <summary>
    /// The permit this request's endpoint needs, or none: the endpoint is not limited, limits are off, or its
    /// partition is only known after authentication (an admin credential).
    /// </summary>
    public PermitRequest? Prepare(HttpContext context)
    {
        var settings = options.CurrentValue;
        if (RateLimitMiddleware.LimitOf(context, settings) is not var (limited, partition) || limited.Partition == RateLimitPartition.AdminCredential)
            return null;
        return DistributedRateLimiter.Prepare(limited.Policy, partition, settings.For(limited.Policy));
    }

    /// <summary>Records that <paramref name="permit"/> was taken (or refused) for this request.</summary>
    public static void Taken(HttpContext context, PermitRequest permit, RateLimitDecision decision) =>
        context.Features.Set(new TakenPermit(permit.Policy, permit.Partition, decision));
}

/// <summary>The decision on a permit taken earlier in the request (<see cref="RateLimitPermits"/>).</summary>
internal sealed record TakenPermit(string Policy, string Partition, RateLimitDecision Decision);
