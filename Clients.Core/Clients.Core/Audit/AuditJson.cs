using System.Text.Json.Serialization;

namespace ClientPlatform.Clients.Core.Audit;

/// <summary>The audit event's wire form, source-generated: the same bytes in the outbox, on the broker and in the worker.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never, WriteIndented = false)]
[JsonSerializable(typeof(AuditEvent))]
[JsonSerializable(typeof(List<AuditEvent?>))]
[JsonSerializable(typeof(IReadOnlyList<AuditChange>))]
public sealed partial class AuditJson : JsonSerializerContext;
