using ClientPlatform.Admin.Api.Auth;
using ClientPlatform.Clients.Core.Persistence;
using ClientPlatform.Clients.Core.Registration;
using ClientPlatform.Clients.Core.Security;
using ClientPlatform.Clients.Infrastructure.Audit;
using ClientPlatform.Clients.Infrastructure.OpenApi;

namespace ClientPlatform.Admin.Api.Registration;

/// <summary>
/// Initial access tokens for <c>Registration:Mode = token</c> (RFC 7591 §3): issued (shown once), listed and
/// revoked by a holder of clients:write, each step audited.
/// </summary>
internal static class InitialAccessTokenEndpoints
{
    private const string Tag = "Initial access tokens";
    private const int MaxListed = 500;

    public static IEndpointRouteBuilder MapInitialAccessTokenEndpoints(this IEndpointRouteBuilder app)
    {
        foreach (var group in AdminRoutes.Groups(app, "initial-access-tokens"))
        {
            var tokens = group.RequireAuthorization(AdminScopes.ClientsWrite)
                .RateLimited(RateLimitPolicies.AdminOther, RateLimitPartition.AdminCredential);
            tokens.MapPost("", IssueAsync)
                .Describe("issueInitialAccessToken", Tag, "Issue an initial access token",
                    "RFC 7591 §3: what POST /register needs when Registration:Mode is token; shown once.")
                .Takes(AdminDocument.TokenIssue, "Its name, lifetime, uses and policy.", required: false)
                .Answers(StatusCodes.Status201Created, "The token.", AdminDocument.TokenIssued, headers: ApiHeaders.Location)
                .Answers(StatusCodes.Status400BadRequest, "A rule broken: the detail names the member.");
            tokens.MapGet("", ListAsync)
                .Describe("listInitialAccessTokens", Tag, "List initial access tokens", $"The newest {MaxListed}, never the tokens themselves.")
                .Answers(StatusCodes.Status200OK, "The tokens.", AdminDocument.TokenList);
            tokens.MapDelete("{tokenId}", RevokeAsync)
                .Describe("revokeInitialAccessToken", Tag, "Revoke an initial access token", "It stops working at once.")
                .Answers(StatusCodes.Status200OK, "Revoked.", AdminDocument.Done)
                .Answers(StatusCodes.Status404NotFound, "No such token.");
        }
        return app;
    }

    private static async Task<IResult> IssueAsync(AdminActor caller, HttpContext context, ClientsDbContext db, IAuditTrail audit, TimeProvider time)
    {
        var (body, problem) = await AdminRequestBody.ReadAsync(context.Request, "The request body must be a JSON object (application/json).");
        if (body is null)
            return AdminProblems.BadRequest(problem!);
        using (body)
        {
            var now = time.GetUtcNow();
            var (request, invalid) = InitialAccessTokenRequest.Parse(body.RootElement, now);
            if (request is null)
                return AdminProblems.BadRequest(invalid!);
            var secret = SecretGenerator.NewSecret();
            var token = new InitialAccessToken
            {
                Id = InitialAccessTokens.IdPrefix + SecretGenerator.NewClientId(),
                Name = request.Name,
                TokenHash = TokenHasher.Hash(secret),
                ExpiresAt = request.ExpiresAt,
                MaxUses = request.MaxUses,
                RemainingUses = request.MaxUses,
                AllowedGrantTypes = request.Policy.GrantTypes?.ToArray(),
                AllowedRedirectUriHosts = request.Policy.RedirectUriHosts?.ToArray(),
                AllowedScopes = request.Policy.Scopes?.ToArray(),
                CreatedAt = now,
                CreatedBy = caller.Actor.Id,
            };
            db.InitialAccessTokens.Add(token);
            audit.Record(new AuditEntry(AuditActions.InitialAccessTokenIssued, caller.Actor, Resource(token.Id), AuditOutcome.Ok(StatusCodes.Status201Created)));
            await db.SaveChangesAsync(context.RequestAborted);
            context.Response.Headers.CacheControl = "no-store";
            var json = ToJson(token, now);
            json["token"] = secret; // shown once: only its SHA-256 is kept
            return TypedResults.Created($"/admin/initial-access-tokens/{token.Id}", json);
        }
    }

    private static async Task<IResult> ListAsync(HttpContext context, ClientsDbContext db, TimeProvider time)
    {
        var now = time.GetUtcNow();
        var tokens = await db.InitialAccessTokens.AsNoTracking().OrderByDescending(t => t.CreatedAt).Take(MaxListed).ToListAsync(context.RequestAborted);
        return TypedResults.Ok(new JsonObject { ["initial_access_tokens"] = new JsonArray([.. tokens.Select(t => (JsonNode)ToJson(t, now))]) });
    }

    private static async Task<IResult> RevokeAsync(string tokenId, AdminActor caller, HttpContext context, ClientsDbContext db, IAuditTrail audit, TimeProvider time)
    {
        if (await db.InitialAccessTokens.FirstOrDefaultAsync(t => t.Id == tokenId, context.RequestAborted) is not { } token)
            return AdminProblems.Problem(StatusCodes.Status404NotFound, AdminProblems.NotFound, $"Initial access token {tokenId} not found.");
        token.RevokedAt ??= time.GetUtcNow();
        audit.Record(new AuditEntry(AuditActions.InitialAccessTokenRevoked, caller.Actor, Resource(token.Id), AuditOutcome.Ok()));
        await db.SaveChangesAsync(context.RequestAborted);
        return TypedResults.Ok(new JsonObject { ["success"] = true, ["message"] = "Initial access token revoked" });
    }

    private static JsonObject ToJson(InitialAccessToken token, DateTimeOffset now) => new()
    {
        ["id"] = token.Id,
        ["name"] = token.Name,
        ["status"] = token.RevokedAt is not null ? "revoked" : token.ExpiresAt <= now ? "expired" : token.RemainingUses == 0 ? "used_up" : "active",
        ["expires_at"] = token.ExpiresAt.ToUnixTimeMilliseconds(),
        ["max_uses"] = token.MaxUses,
        ["remaining_uses"] = token.RemainingUses,
        ["policy"] = new JsonObject
        {
            ["grant_types"] = Array(token.AllowedGrantTypes),
            ["redirect_uri_hosts"] = Array(token.AllowedRedirectUriHosts),
            ["scopes"] = Array(token.AllowedScopes),
        },
        ["created_at"] = token.CreatedAt.ToUnixTimeMilliseconds(),
        ["created_by"] = token.CreatedBy,
        ["last_used_at"] = token.LastUsedAt?.ToUnixTimeMilliseconds(),
        ["revoked_at"] = token.RevokedAt?.ToUnixTimeMilliseconds(),
    };

    private static JsonArray? Array(string[]? values) => values is null ? null : new JsonArray([.. values.Select(v => (JsonNode?)v)]);


    private static AuditResource Resource(string id) => new(AuditResourceTypes.InitialAccessToken, id);
}
