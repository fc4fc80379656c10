using System.Diagnostics;
using ClientPlatform.Clients.Infrastructure.Audit;

namespace ClientPlatform.Audit.Worker;

/// <summary>
/// One span per event written, in the trace of the request that recorded it (its trace and span ids, W3C Trace
/// Context): the dashboard shows a registration as one trace from the gateway through the API to the audit log.
/// Nothing is made while no one listens (no telemetry exporter), nor for a request whose trace is not recorded.
/// </summary>
internal static class AuditTracing
{
    public const string SourceName = "ClientPlatform.Audit.Worker";
    public const string SpanName = "audit_log append";

    private static readonly ActivitySource Source = new(SourceName);

    public static void Written(IEnumerable<AuditEvent> events, DateTimeOffset started, DateTimeOffset ended)
    {
        if (!Source.HasListeners())
            return;
        foreach (var auditEvent in events)
        {
            if (!TryParent(auditEvent, out var parent))
                continue;
            using var span = Source.StartActivity(SpanName, ActivityKind.Consumer, parent, startTime: started);
            if (span is null)
                continue;
            span.SetTag("messaging.system", "rabbitmq");
            span.SetTag("messaging.destination.name", AuditTopology.Queue);
            span.SetTag("audit.event_id", auditEvent.EventId.ToString("D"));
            span.SetTag("audit.action", auditEvent.Action);
            span.SetEndTime(ended.UtcDateTime);
        }
    }

    private static bool TryParent(AuditEvent auditEvent, out ActivityContext parent)
    {
        parent = default;
        // A request whose trace was not recorded (TraceSampling) gets no span here either.
        if (auditEvent is not { TraceId: { Length: 32 } traceId, SpanId: { Length: 16 } spanId, TraceSampled: not false }
            || !traceId.All(char.IsAsciiHexDigitLower) || !spanId.All(char.IsAsciiHexDigitLower))
            return false;
        parent = new ActivityContext(ActivityTraceId.CreateFromString(traceId), ActivitySpanId.CreateFromString(spanId),
            ActivityTraceFlags.Recorded, isRemote: true);
        return true;
    }
}
