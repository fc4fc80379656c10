using ClientPlatform.Clients.Core;
using ClientPlatform.Clients.Core.Audit;
using ClientPlatform.Clients.Infrastructure.Audit;

namespace ClientPlatform.Audit.Worker.Tests;

internal static class TestClients
{
    public static Client New(string? clientId = null) => new()
    {
        ClientId = clientId ?? $"test-{Guid.NewGuid():N}",
        ClientName = "Audit test client",
        TokenEndpointAuthMethod = "client_secret_basic",
        RedirectUris = ["https://app.example.test/callback"],
        GrantTypes = ["authorization_code"],
        ResponseTypes = ["code"],
        CreatedAt = DateTimeOffset.UtcNow,
        UpdatedAt = DateTimeOffset.UtcNow,
    };

    public static AuditEntry Registered(string clientId) => new(
        AuditActions.ClientRegistered, AuditActor.Anonymous, new AuditResource(AuditResourceTypes.Client, clientId), AuditOutcome.Ok(201));

    public static AuditEntry Read(string clientId) => new(
        AuditActions.ClientRead, AuditActor.ForClient(clientId), new AuditResource(AuditResourceTypes.Client, clientId), AuditOutcome.Ok());
}
