using ClientPlatform.Clients.Core.Persistence;
using ClientPlatform.Clients.Core.Security;
using ClientPlatform.Clients.Infrastructure.Audit;
using ClientPlatform.Clients.Infrastructure.OpenApi;

namespace ClientPlatform.Admin.Api.Auth;

/// <summary>Admin API keys: created (shown once), listed and revoked by a holder of client:admin.</summary>
internal static class AdminKeyEndpoints
{
    private const string Tag = "Admin keys";
    private const int MaxKeysListed = 500;

    public static IEndpointRouteBuilder MapAdminKeyEndpoints(this IEndpointRouteBuilder app)
    {
        foreach (var group in AdminRoutes.Groups(app, "keys"))
        {
            var keys = group.RequireAuthorization(AdminScopes.ClientAdmin)
                .RateLimited(RateLimitPolicies.AdminOther, RateLimitPartition.AdminCredential);
            keys.MapPost("", CreateAsync)
                .Describe("createAdminKey", Tag, "Create an admin key", "With the scopes it may use; the key is shown once.")
                .Takes("Its name, scopes and expiry.")
                .Answers(StatusCodes.Status201Created, "The key, with its secret.", ApiHeaders.Location)
                .Answers(StatusCodes.Status400BadRequest, "No name, an unknown scope, or an expiry in the past.");
            keys.MapGet("", ListAsync)
                .Describe("listAdminKeys", Tag, "List admin keys", $"The newest {MaxKeysListed}, never their secrets.")
                .Answers(StatusCodes.Status200OK, "The keys.");
            keys.MapDelete("{keyId}", RevokeAsync)
                .Describe("revokeAdminKey", Tag, "Revoke an admin key", "It stops working at once, on every replica.")
                .Answers(StatusCodes.Status200OK, "Revoked.")
                .Answers(StatusCodes.Status404NotFound, "No such key.");
        }
        return app;
    }

    private static async Task<Created<AdminKeyCreated>> CreateAsync(AdminBody<AdminKeyCreate> body, AdminActor caller, HttpResponse response,
        ClientsDbContext db, IAuditTrail audit, TimeProvider time)
    {
        var request = body.Value;
        var secret = SecretGenerator.NewSecret();
        var creator = caller.Actor;
        var key = new AdminApiKey
        {
            Id = $"key_{SecretGenerator.NewClientId()}",
            Name = request.Name,
            KeyHash = TokenHasher.Hash(secret),
            Scopes = request.Scopes.Distinct().ToArray(),
            ExpiresAt = request.ExpiresAt is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null,
            CreatedAt = time.GetUtcNow(),
            CreatedBy = creator.Id,
        };
        db.AdminApiKeys.Add(key);
        audit.Record(new AuditEntry(AuditActions.AdminKeyCreated, creator,
            new AuditResource(AuditResourceTypes.AdminKey, key.Id), AuditOutcome.Ok(StatusCodes.Status201Created)));
        await db.SaveChangesAsync(response.HttpContext.RequestAborted);
        response.Headers.CacheControl = "no-store";
        return TypedResults.Created($"/admin/keys/{key.Id}", new AdminKeyCreated(AdminKey.From(key), secret)); // shown once
    }

    private static async Task<Ok<AdminKeyList>> ListAsync(ClientsDbContext db, CancellationToken cancellation) =>
        TypedResults.Ok(new AdminKeyList([.. (await db.AdminApiKeys.AsNoTracking().OrderByDescending(k => k.CreatedAt).Take(MaxKeysListed)
            .ToListAsync(cancellation)).Select(AdminKey.From)]));

    private static async Task<Results<Ok<Done>, ProblemHttpResult>> RevokeAsync(string keyId, AdminActor caller, ClientsDbContext db, IAuditTrail audit,
        TimeProvider time, CancellationToken cancellation)
    {
        if (await db.AdminApiKeys.FirstOrDefaultAsync(k => k.Id == keyId, cancellation) is not { } key)
            return AdminProblems.Problem(StatusCodes.Status404NotFound, AdminProblems.NotFound, $"Admin key {keyId} not found.");
        key.RevokedAt ??= time.GetUtcNow();
        audit.Record(new AuditEntry(AuditActions.AdminKeyRevoked,
            caller.Actor,
            new AuditResource(AuditResourceTypes.AdminKey, key.Id), AuditOutcome.Ok()));
        await db.SaveChangesAsync(cancellation);
        return TypedResults.Ok(Done.Because("Admin key revoked"));
    }
}
