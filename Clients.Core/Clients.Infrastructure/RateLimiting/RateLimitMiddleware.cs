using System.Globalization;
using System.Security.Claims;
using ClientPlatform.Clients.Core.Audit;
using ClientPlatform.Clients.Infrastructure.Audit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace ClientPlatform.Clients.Infrastructure.RateLimiting;

/// <summary>How an API answers a refused request (RFC 7591-style JSON on /register, problem+json on the admin API).</summary>
public interface IRateLimitRejection
{
    IResult Rejected(string policy, int retryAfterSeconds);
}

/// <summary>
/// Applies the <see cref="RateLimited"/> policy of the endpoint, after authentication and authorization (so a
/// partition is a real client or credential, and a request refused for its credential costs no permit).
/// Over the limit: 429 with <c>Retry-After</c> in whole seconds, the API's JSON error, and a
/// <c>rate_limited</c> audit event — sampled (<see cref="AuditSampler"/>), at most one per partition per interval
/// on each replica, so that a flood cannot flood the audit log.
/// </summary>
internal sealed class RateLimitMiddleware(
    RequestDelegate next, DistributedRateLimiter limiter, IOptionsMonitor<RateLimitOptions> options, IRateLimitRejection rejection, AuditSampler sampler)
{
    public async Task InvokeAsync(HttpContext context, IAuditTrail audit)
    {
        var settings = options.CurrentValue;
        if (LimitOf(context, settings) is not var (limited, partition))
        {
            await next(context);
            return;
        }
        var decision = context.Features.Get<TakenPermit>() is { } taken && taken.Policy == limited.Policy && taken.Partition == partition
            ? taken.Decision
            : await limiter.AcquireAsync(limited.Policy, partition, settings.For(limited.Policy));
        if (decision.Allowed)
        {
            await next(context);
            return;
        }
        var seconds = decision.RetryAfterSeconds;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        if (sampler.ShouldRecord($"{limited.Policy}:{partition}", out var unrecorded))
            await audit.RecordNowAsync(new AuditEntry(AuditActions.RateLimited, Actor(context, limited.Partition, partition),
                new AuditResource(AuditResourceTypes.Client, context.Request.RouteValues["clientId"] as string),
                AuditOutcome.Failed(StatusCodes.Status429TooManyRequests, AuditActions.RateLimited), [AuditSampler.Unrecorded(unrecorded)]), context.RequestAborted);
        await rejection.Rejected(limited.Policy, seconds).ExecuteAsync(context);
    }

    /// <summary>The policy this request is counted under and its partition; none when it is not limited (now).</summary>
    internal static (RateLimited Limited, string Partition)? LimitOf(HttpContext context, RateLimitOptions settings) =>
        context.GetEndpoint()?.Metadata.GetMetadata<RateLimited>() is { } limited && settings.Enabled
        && Partition(context, limited.Partition, settings) is { } partition
            ? (limited, partition)
            : null;

    private static string? Partition(HttpContext context, RateLimitPartition partition, RateLimitOptions settings) => partition switch
    {
        // The caller's address as the gateway forwarded it (UseForwardedHeadersFromGateway runs first).
        RateLimitPartition.ClientIp => CallerAddress.Partition(context, settings.Ipv6PrefixLength),
        RateLimitPartition.Client => context.Request.RouteValues["clientId"] as string,
        RateLimitPartition.AdminCredential => context.User.FindFirst(ClaimTypes.NameIdentifier)?.Value,
        _ => null,
    };

    private static AuditActor Actor(HttpContext context, RateLimitPartition partition, string value) => partition switch
    {
        RateLimitPartition.AdminCredential => AuditActor.ForAdmin(value),
        RateLimitPartition.Client when context.User.Identity?.IsAuthenticated == true => AuditActor.ForClient(value),
        _ => AuditActor.Anonymous,
    };
}

public static class RateLimitingExtensions
{
    /// <summary>Limits the endpoints marked <see cref="RateLimited"/>. Call after UseAuthorization.</summary>
    public static IApplicationBuilder UseDistributedRateLimits(this IApplicationBuilder app) => app.UseMiddleware<RateLimitMiddleware>();

    /// <summary>Marks endpoints with a rate-limit policy and what it counts per.</summary>
    public static TBuilder RateLimited<TBuilder>(this TBuilder builder, string policy, RateLimitPartition partition)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new RateLimited(policy, partition));
}
