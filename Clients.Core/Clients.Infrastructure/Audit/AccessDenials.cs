using System.Text.Json;
using ClientPlatform.Clients.Core;
using ClientPlatform.Clients.Core.Audit;
using ClientPlatform.Clients.Infrastructure.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace ClientPlatform.Clients.Infrastructure.Audit;

/// <summary>
/// Refusals of a caller nobody has authenticated — no credential, a malformed one, one that fails, one over the failure
/// limit — audited as <c>access_denied</c> (or <c>rate_limited</c>) by the anonymous actor, sampled per caller address
/// (<see cref="AuditSampler"/>), so that junk requests cannot fill the append-only log. The client id in the route is
/// the caller's claim, not something it proved: it is recorded as <see cref="ClaimedClientId"/>, never as the resource,
/// so a caller cannot write whatever it likes into a real client's audit trail.
/// </summary>
public sealed class AccessDenials(AuditSampler sampler, FailedCredentialLimit failures)
{
    public const string ClaimedClientId = "claimed_client_id";

    public async Task RecordAsync(
        IAuditTrail audit, HttpContext context, string action, string resourceType, int status, string error, string? claimedClientId)
    {
        if (!sampler.ShouldRecord($"{action}:{failures.AddressOf(context)}", out var unrecorded))
            return;
        List<AuditChange> changes = [AuditSampler.Unrecorded(unrecorded)];
        if (AuditLimits.Cut(claimedClientId, ClientLimits.ClientIdMaxLength) is { } claimed)
            changes.Add(new AuditChange(ClaimedClientId, null, JsonSerializer.SerializeToElement(claimed)));
        await audit.RecordNowAsync(new AuditEntry(action, AuditActor.Anonymous, new AuditResource(resourceType, null),
            AuditOutcome.Failed(status, error), changes), context.RequestAborted);
    }
}
