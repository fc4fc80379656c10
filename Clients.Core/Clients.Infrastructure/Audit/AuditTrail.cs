using System.Diagnostics;
using System.Text.Json;
using ClientPlatform.Clients.Core.Audit;
using ClientPlatform.Clients.Core.Persistence;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ClientPlatform.Clients.Infrastructure.Audit;

internal sealed class AuditTrail(
    ClientsDbContext db, IServiceScopeFactory scopes, TimeProvider time, IHttpContextAccessor? http = null,
    DetachedAuditPublisher? detached = null) : IAuditTrail
{
    public AuditEvent Record(AuditEntry entry)
    {
        var auditEvent = Create(entry);
        db.AuditOutbox.Add(ToOutbox(auditEvent));
        return auditEvent;
    }

    public async Task<AuditEvent> RecordNowAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        var auditEvent = Create(entry);
        if (detached?.TryEnqueue(ToOutbox(auditEvent)) == true)
            return auditEvent;
        // Its own context, so nothing else pending in the caller's unit of work is committed with it.
        await using var scope = scopes.CreateAsyncScope();
        var own = scope.ServiceProvider.GetRequiredService<ClientsDbContext>();
        own.AuditOutbox.Add(ToOutbox(auditEvent));
        await own.SaveChangesAsync(cancellationToken);
        return auditEvent;
    }

    private AuditEvent Create(AuditEntry entry)
    {
        if (!AuditActions.All.Contains(entry.Action))
            throw new ArgumentException($"'{entry.Action}' is not an audit action (AuditActions).", nameof(entry));
        var request = http?.HttpContext;
        return new AuditEvent
        {
            EventId = Guid.CreateVersion7(time.GetUtcNow()),
            OccurredAt = AuditChain.ToStoredPrecision(time.GetUtcNow()),
            Actor = entry.Actor,
            Action = entry.Action,
            Resource = entry.Resource,
            Changes = entry.Changes ?? [],
            Outcome = entry.Outcome,
            // The caller's address as the gateway saw it (forwarded headers are applied before this runs).
            IpAddress = AuditLimits.Cut(request?.Connection.RemoteIpAddress?.ToString(), AuditLimits.IpAddressMaxLength),
            UserAgent = AuditLimits.Cut(request?.Request.Headers.UserAgent.ToString(), AuditLimits.UserAgentMaxLength),
            TraceId = Activity.Current?.TraceId.ToString(),
            SpanId = Activity.Current?.SpanId.ToString(),
            // A span the sampler dropped still carries ids for propagation: only one being recorded counts.
            TraceSampled = Activity.Current is { } span ? span.Recorded && span.IsAllDataRequested : null,
        };
    }

    private OutboxMessage ToOutbox(AuditEvent auditEvent) => new()
    {
        EventId = auditEvent.EventId,
        ResourceKey = AuditLimits.Cut($"{auditEvent.Resource.Type}:{auditEvent.Resource.Id}", AuditLimits.ResourceKeyMaxLength)!,
        Action = auditEvent.Action,
        Payload = JsonSerializer.Serialize(auditEvent, AuditJson.Default.AuditEvent),
        CreatedAt = time.GetUtcNow(),
    };
}
