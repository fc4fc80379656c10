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
                .Takes(AdminDocument.KeyCreate, "Its name, scopes and expiry.")
                .Answers(StatusCodes.Status201Created, "The key, with its secret.", AdminDocument.KeyCreated, headers: ApiHeaders.Location)
                .Answers(StatusCodes.Status400BadRequest, "No name, an unknown scope, or an expiry in the past.");
            keys.MapGet("", ListAsync)
                .Describe("listAdminKeys", Tag, "List admin keys", $"The newest {MaxKeysListed}, never their secrets.")
                .Answers(StatusCodes.Status200OK, "The keys.", AdminDocument.KeyList);
            keys.MapDelete("{keyId}", RevokeAsync)
                .Describe("revokeAdminKey", Tag, "Revoke an admin key", "It stops working at once, on every replica.")
                .Answers(StatusCodes.Status200OK, "Revoked.", AdminDocument.Done)
                .Answers(StatusCodes.Status404NotFound, "No such key.");
        }
        return app;
    }

    private static async Task<IResult> CreateAsync(AdminActor caller, HttpContext context, ClientsDbContext db, IAuditTrail audit, TimeProvider time)
    {
        var (body, problem) = await AdminRequestBody.ReadAsync(context.Request, "The request body must be a JSON object (application/json).");
        if (body is null)
            return problem!;
        using (body)
        {
            var root = body.RootElement;
            if (!root.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String || name.GetString()!.Trim().Length == 0
                || name.GetString()!.Length > ClientLimits.NameMaxLength)
                return AdminProblems.BadRequest($"name: required, at most {ClientLimits.NameMaxLength} characters");
            if (!root.TryGetProperty("scopes", out var scopes) || scopes.ValueKind != JsonValueKind.Array || scopes.GetArrayLength() == 0
                || scopes.EnumerateArray().Any(s => s.ValueKind != JsonValueKind.String || !AdminScopes.All.Contains(s.GetString())))
                return AdminProblems.BadRequest($"scopes: required, from {string.Join(", ", AdminScopes.All)}");
            DateTimeOffset? expiresAt = null;
            if (root.TryGetProperty("expires_at", out var expires) && expires.ValueKind != JsonValueKind.Null)
            {
                if (expires.ValueKind != JsonValueKind.Number || !expires.TryGetInt64(out var ms) || ms <= time.GetUtcNow().ToUnixTimeMilliseconds())
                    return AdminProblems.BadRequest("expires_at: must be a future time in Unix milliseconds");
                expiresAt = DateTimeOffset.FromUnixTimeMilliseconds(ms);
            }

            var secret = SecretGenerator.NewSecret();
            var creator = caller.Actor;
            var key = new AdminApiKey
            {
                Id = $"key_{SecretGenerator.NewClientId()}",
                Name = name.GetString()!,
                KeyHash = TokenHasher.Hash(secret),
                Scopes = scopes.EnumerateArray().Select(s => s.GetString()!).Distinct().ToArray(),
                ExpiresAt = expiresAt,
                CreatedAt = time.GetUtcNow(),
                CreatedBy = creator.Id,
            };
            db.AdminApiKeys.Add(key);
            audit.Record(new AuditEntry(AuditActions.AdminKeyCreated, creator,
                new AuditResource(AuditResourceTypes.AdminKey, key.Id), AuditOutcome.Ok(StatusCodes.Status201Created)));
            await db.SaveChangesAsync(context.RequestAborted);
            context.Response.Headers.CacheControl = "no-store";
            var json = ToJson(key);
            json["key"] = secret; // shown once
            return TypedResults.Created($"/admin/keys/{key.Id}", json);
        }
    }

    private static async Task<IResult> ListAsync(HttpContext context, ClientsDbContext db) =>
        TypedResults.Ok(new JsonObject
        {
            ["keys"] = new JsonArray((await db.AdminApiKeys.AsNoTracking().OrderByDescending(k => k.CreatedAt).Take(MaxKeysListed)
                .ToListAsync(context.RequestAborted)).Select(k => (JsonNode)ToJson(k)).ToArray()),
        });

    private static async Task<IResult> RevokeAsync(string keyId, AdminActor caller, HttpContext context, ClientsDbContext db, IAuditTrail audit, TimeProvider time)
    {
        if (await db.AdminApiKeys.FirstOrDefaultAsync(k => k.Id == keyId, context.RequestAborted) is not { } key)
            return AdminProblems.Problem(StatusCodes.Status404NotFound, AdminProblems.NotFound, $"Admin key {keyId} not found.");
        key.RevokedAt ??= time.GetUtcNow();
        audit.Record(new AuditEntry(AuditActions.AdminKeyRevoked,
            caller.Actor,
            new AuditResource(AuditResourceTypes.AdminKey, key.Id), AuditOutcome.Ok()));
        await db.SaveChangesAsync(context.RequestAborted);
        return TypedResults.Ok(new JsonObject { ["success"] = true, ["message"] = "Admin key revoked" });
    }

    private static JsonObject ToJson(AdminApiKey key) => new()
    {
        ["id"] = key.Id,
        ["name"] = key.Name,
        ["scopes"] = new JsonArray(key.Scopes.Select(s => (JsonNode?)s).ToArray()),
        ["expires_at"] = key.ExpiresAt?.ToUnixTimeMilliseconds(),
        ["created_at"] = key.CreatedAt.ToUnixTimeMilliseconds(),
        ["created_by"] = key.CreatedBy,
        ["revoked_at"] = key.RevokedAt?.ToUnixTimeMilliseconds(),
    };
}
