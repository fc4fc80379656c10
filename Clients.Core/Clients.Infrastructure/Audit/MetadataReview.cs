using System.Text.Json;
using ClientPlatform.Clients.Core;
using ClientPlatform.Clients.Core.Audit;

namespace ClientPlatform.Clients.Infrastructure.Audit;

/// <summary>
/// The audit record that flags accepted metadata for an administrator's review (DCR-49): informational URIs
/// on another host than the redirect URIs (<see cref="InformationUriHosts"/>). Its changes name each flagged
/// member with its value.
/// </summary>
public static class MetadataReview
{
    public static AuditEntry? Flagged(ClientMetadata metadata, AuditActor actor, string clientId)
    {
        var mismatches = InformationUriHosts.Mismatches(metadata);
        return mismatches.Count == 0
            ? null
            : new AuditEntry(AuditActions.ClientMetadataFlagged, actor, new AuditResource(AuditResourceTypes.Client, clientId), AuditOutcome.Ok(),
                mismatches.Select(m => new AuditChange(m.Field, null, JsonSerializer.SerializeToElement(m.Uri))).ToList());
    }

    /// <summary>Adds the flag to the unit of work, beside the change it is about.</summary>
    public static void RecordIfFlagged(this IAuditTrail audit, ClientMetadata metadata, AuditActor actor, string clientId)
    {
        if (Flagged(metadata, actor, clientId) is { } entry)
            audit.Record(entry);
    }
}
