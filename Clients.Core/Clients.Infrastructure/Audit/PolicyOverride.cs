using System.Text.Json;
using ClientPlatform.Clients.Core;
using ClientPlatform.Clients.Core.Audit;

namespace ClientPlatform.Clients.Infrastructure.Audit;

/// <summary>
/// The audit record of an administrator's change that takes a client outside the policy its initial access token
/// bound it to (<see cref="Client.RegistrationPolicy"/>): allowed, since administrators decide, but never silent.
/// Its change names the rule broken, as the client itself would have been told.
/// </summary>
public static class PolicyOverride
{
    public static void RecordIfOverridden(this IAuditTrail audit, Client client, ClientMetadata metadata, AuditActor actor)
    {
        if (client.RegistrationPolicy?.Check(metadata) is { } broken)
            audit.Record(new AuditEntry(AuditActions.ClientPolicyOverridden, actor, new AuditResource(AuditResourceTypes.Client, client.ClientId),
                AuditOutcome.Ok(), [new AuditChange("registration_policy", null, JsonSerializer.SerializeToElement(broken.Description))]));
    }
}
