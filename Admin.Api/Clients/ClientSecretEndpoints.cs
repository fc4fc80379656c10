using ClientPlatform.Admin.Api.Auth;
using ClientPlatform.Clients.Core.Persistence;
using ClientPlatform.Clients.Core.Security;
using ClientPlatform.Clients.Infrastructure.Audit;
using ClientPlatform.Clients.Infrastructure.Idempotency;
using ClientPlatform.Clients.Infrastructure.OpenApi;
using Microsoft.Extensions.Options;

namespace ClientPlatform.Admin.Api.Clients;

/// <summary>
/// A client's credential set (issue 34): <c>GET /admin/clients/{id}/secrets</c> lists the secrets that work now (never
/// their values), <c>POST</c> adds one beside them (its value shown once), <c>DELETE …/secrets/{secretId}</c> retires
/// one at once. Up to <c>SecretRotation:MaxSecrets</c> at a time; each change audited (<c>secret_added</c>,
/// <c>secret_retired</c>).
/// </summary>
internal static class ClientSecretEndpoints
{
    private const string Tag = "Clients";
    private const RateLimitPartition ByCredential = RateLimitPartition.AdminCredential;

    public static IEndpointRouteBuilder MapClientSecretEndpoints(this IEndpointRouteBuilder app)
    {
        foreach (var clients in AdminRoutes.Groups(app, "clients"))
        {
            clients.MapGet("{clientId}/secrets", ListAsync).RequireAuthorization(AdminScopes.ClientsRead).RateLimited(RateLimitPolicies.AdminGet, ByCredential)
                .Describe("listClientSecrets", Tag, "List a client's secrets", "The secrets that work now, oldest first: ids and expiries, never a value.")
                .Answers(StatusCodes.Status200OK, "The credential set.")
                .Answers(StatusCodes.Status404NotFound, "No such client.");
            clients.MapPost("{clientId}/secrets", AddAsync).RequireAuthorization(AdminScopes.ClientsWrite).RateLimited(RateLimitPolicies.AdminRegenerate, ByCredential)
                .Idempotent()
                .Describe("addClientSecret", Tag, "Add a secret to a client",
                    "Beside the ones it has, which keep working as they are; it becomes the current one. Shown once. Audited.")
                .Takes("When the new secret stops working, if it should.")
                .Answers(StatusCodes.Status201Created, "The new secret.", ApiHeaders.Location, ApiHeaders.ETag)
                .Answers(StatusCodes.Status400BadRequest, "The client authenticates without a secret, or a bad expires_at.")
                .Answers(StatusCodes.Status404NotFound, "No such client.")
                .Preconditioned()
                .Answers(StatusCodes.Status409Conflict, "The client already holds SecretRotation:MaxSecrets live secrets, or it changed at the same moment.");
            clients.MapDelete("{clientId}/secrets/{secretId}", RetireAsync).RequireAuthorization(AdminScopes.ClientsWrite)
                .RateLimited(RateLimitPolicies.AdminRegenerate, ByCredential)
                .Describe("retireClientSecret", Tag, "Retire one of a client's secrets", "It stops working now. Audited.")
                .Answers(StatusCodes.Status200OK, "Retired.", ApiHeaders.ETag)
                .Answers(StatusCodes.Status404NotFound, "No such client, or no live secret of that id.")
                .Preconditioned()
                .Answers(StatusCodes.Status409Conflict, "It is the client's only secret (add another first, or delete the client), or it changed at the same moment.");
        }
        return app;
    }

    /// <summary>The client's live secrets, oldest first, the current one marked, with their last use where known.</summary>
    public static IReadOnlyList<ClientSecretView> Views(Client client, DateTimeOffset now, IReadOnlyDictionary<string, DateTimeOffset>? lastUsed = null)
    {
        var current = client.CurrentSecret();
        return [.. ClientCredentials.LiveSecrets(client, now)
            .Select(s => ClientSecretView.From(s, ReferenceEquals(s, current), lastUsed is not null && lastUsed.TryGetValue(s.Id, out var at) ? at : null))];
    }

    private static async Task<Results<Ok<ClientSecretList>, ProblemHttpResult>> ListAsync(string clientId, ClientsDbContext db, TimeProvider time,
        CancellationToken cancellation)
    {
        if (await db.Clients.AsNoTracking().FirstOrDefaultAsync(c => c.ClientId == clientId, cancellation) is not { } client)
            return AdminProblems.NotFoundClient(clientId);
        var lastUsed = await db.SecretUsage.AsNoTracking().Where(u => u.ClientId == clientId).ToDictionaryAsync(u => u.SecretId, u => u.LastUsedAt, cancellation);
        return TypedResults.Ok(new ClientSecretList(clientId, Views(client, time.GetUtcNow(), lastUsed)));
    }

    private static async Task<Results<Created<SecretAdded>, ProblemHttpResult>> AddAsync(string clientId, AdminBody<SecretAdd> body, AdminActor caller,
        HttpResponse response, ClientsDbContext db, IAuditTrail audit, SecretHasher hasher, TimeProvider time, IOptions<SecretRotationOptions> rotation,
        CancellationToken cancellation)
    {
        if (await db.Clients.FirstOrDefaultAsync(c => c.ClientId == clientId, cancellation) is not { } client)
            return AdminProblems.NotFoundClient(clientId);
        if (ClientPreconditions.Check(response.HttpContext.Request, client) is { } precondition)
            return precondition;
        if (!client.ToMetadata().IsConfidentialWithSecret)
            return AdminProblems.BadRequest($"Client {clientId} authenticates with {client.TokenEndpointAuthMethod} and has no secrets.");
        var now = time.GetUtcNow();
        var expiresAt = body.Value.ExpiresAt is { } at ? DateTimeOffset.FromUnixTimeMilliseconds(at) : (DateTimeOffset?)null;
        if (ClientCredentials.AddSecret(client, hasher, now, expiresAt, rotation.Value.MaxSecrets) is not { } added)
            return AdminProblems.Problem(StatusCodes.Status409Conflict, AdminProblems.Conflict, ClientCredentials.Full(client, rotation.Value.MaxSecrets, now));
        client.UpdatedAt = now;
        audit.Record(new AuditEntry(AuditActions.SecretAdded, caller.Actor, Resource(clientId), AuditOutcome.Ok(StatusCodes.Status201Created),
            SecretRotationAudit.Added(added.Secret)));
        if (await ClientPreconditions.SaveAsync(db, response.HttpContext.Request, clientId, cancellation) is { } conflict)
            return conflict;
        ClientPreconditions.Tag(response, client);
        response.Headers.CacheControl = "no-store";
        return TypedResults.Created($"/admin/clients/{Uri.EscapeDataString(clientId)}/secrets",
            new SecretAdded(clientId, added.Value, added.Secret.Id, Views(client, now)));
    }

    private static async Task<Results<Ok<Done>, ProblemHttpResult>> RetireAsync(string clientId, string secretId, AdminActor caller, HttpContext context,
        ClientsDbContext db, IAuditTrail audit, TimeProvider time, CancellationToken cancellation)
    {
        if (await db.Clients.FirstOrDefaultAsync(c => c.ClientId == clientId, cancellation) is not { } client)
            return AdminProblems.NotFoundClient(clientId);
        if (ClientPreconditions.Check(context.Request, client) is { } precondition)
            return precondition;
        var now = time.GetUtcNow();
        var live = ClientCredentials.LiveSecrets(client, now);
        if (!live.Any(s => s.Id == secretId))
            return AdminProblems.Problem(StatusCodes.Status404NotFound, AdminProblems.NotFound, $"Client {clientId} has no live secret {secretId}.");
        // A confidential client left without a secret could not authenticate at all: that is deleting it, said as such.
        if (live.Count == 1)
            return AdminProblems.Problem(StatusCodes.Status409Conflict, AdminProblems.Conflict,
                $"Secret {secretId} is the client's only secret: add another first (POST …/secrets), or delete the client.");
        ClientCredentials.RetireSecret(client, secretId, now);
        client.UpdatedAt = now;
        audit.Record(new AuditEntry(AuditActions.SecretRetired, caller.Actor, Resource(clientId), AuditOutcome.Ok(), SecretRotationAudit.Retired(secretId)));
        if (await ClientPreconditions.SaveAsync(db, context.Request, clientId, cancellation) is { } conflict)
            return conflict;
        ClientPreconditions.Tag(context.Response, client);
        return TypedResults.Ok(Done.Because($"Secret {secretId} retired: it no longer works."));
    }

    private static AuditResource Resource(string clientId) => AdminClientEndpoints.Resource(clientId);
}
