using System.ComponentModel;

namespace ClientPlatform.Admin.Api.Audit;

[Description("A page of the audit log, newest first.")]
internal sealed record AuditEvents(
    [property: Description("The events of this page.")] IReadOnlyList<AuditEvent> Events,
    Pagination Pagination);

[Description("One audited action, in the hash chain.")]
internal sealed record AuditEvent(
    [property: Description("Its place in the chain.")] long Seq,
    [property: Description("Its id.")] Guid EventId,
    [property: Description("When it happened (Unix time, milliseconds).")] long Timestamp,
    [property: Description("What was done (client.registered, client.updated, …).")] string Action,
    [property: Description("Who did it.")] AuditEventActor Actor,
    [property: Description("What it was done to.")] AuditEventResource Resource,
    [property: Description("The members changed: field, before and after; secrets are named, never shown.")] JsonElement Changes,
    [property: Description("How it ended.")] AuditEventOutcome Outcome,
    [property: Description("The caller's address, as the gateway forwarded it.")] string? IpAddress,
    [property: Description("The caller's User-Agent.")] string? UserAgent,
    [property: Description("The trace of the request.")] string? TraceId)
{
    public static AuditEvent From(AuditRecord row) => new(
        row.Seq, row.EventId, row.OccurredAt.ToUnixTimeMilliseconds(), row.Action,
        new(row.ActorKind, row.ActorId), new(row.ResourceType, row.ResourceId),
        JsonElement.Parse(row.Changes), new(row.Success, row.Status, row.Error), row.IpAddress, row.UserAgent, row.TraceId);
}

[Description("Who did it.")]
internal sealed record AuditEventActor(
    [property: Description("client, admin, admin_key or anonymous.")] string Kind,
    [property: Description("Its id.")] string? Id);

[Description("What it was done to.")]
internal sealed record AuditEventResource(
    [property: Description("The kind of resource.")] string Type,
    [property: Description("Its id.")] string? Id);

[Description("How it ended.")]
internal sealed record AuditEventOutcome(
    [property: Description("It was done.")] bool Success,
    [property: Description("The HTTP status answered.")] int Status,
    [property: Description("The error code answered.")] string? Error);

[Description("The hash chain of the audit log, checked row by row.")]
internal sealed record AuditVerification(
    [property: Description("No row was changed, removed or inserted out of order.")] bool Valid,
    [property: Description("Rows checked.")] long RowsChecked,
    [property: Description("The first row that breaks the chain.")] long? FirstBadSeq,
    [property: Description("Its event id.")] Guid? FirstBadEventId,
    [property: Description("Why it breaks the chain.")] string? Reason,
    [property: Description("The newest signed checkpoint, kept outside the database, the chain was checked against.")] AuditVerifiedCheckpoint? Checkpoint)
{
    public static AuditVerification From(ChainVerification result) => new(
        result.Valid, result.RowsChecked, result.FirstBadSeq, result.FirstBadEventId, result.Reason,
        result.Checkpoint is { } checkpoint ? new(checkpoint.Seq, checkpoint.WrittenAt.ToUnixTimeMilliseconds()) : null);
}

[Description("A signed checkpoint of the chain's head.")]
internal sealed record AuditVerifiedCheckpoint(
    [property: Description("The head row it recorded.")] long Seq,
    [property: Description("When it was written (Unix time, milliseconds).")] long WrittenAt);
