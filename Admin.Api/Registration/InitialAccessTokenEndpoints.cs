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
                .Takes("Its name, lifetime, uses and policy (each optional).")
                .Answers(StatusCodes.Status201Created, "The token.", ApiHeaders.Location)
                .Answers(StatusCodes.Status400BadRequest, "A rule broken: the detail names the member.");
            tokens.MapGet("", ListAsync)
                .Describe("listInitialAccessTokens", Tag, "List initial access tokens", $"The newest {MaxListed}, never the tokens themselves.")
                .Answers(StatusCodes.Status200OK, "The tokens.");
            tokens.MapDelete("{tokenId}", RevokeAsync)
                .Describe("revokeInitialAccessToken", Tag, "Revoke an initial access token", "It stops working at once.")
                .Answers(StatusCodes.Status200OK, "Revoked.")
                .Answers(StatusCodes.Status404NotFound, "No such token.");
        }
        return app;
    }

    private static async Task<Created<InitialAccessTokenIssued>> IssueAsync(AdminBody<InitialAccessTokenIssue> body, AdminActor caller,
        HttpResponse response, ClientsDbContext db, IAuditTrail audit, TimeProvider time)
    {
        var request = body.Value;
        var now = time.GetUtcNow();
        var policy = request.Policy?.ToPolicy();
        var secret = SecretGenerator.NewSecret();
        var token = new InitialAccessToken
        {
            Id = InitialAccessTokens.IdPrefix + SecretGenerator.NewClientId(),
            Name = request.Name,
            TokenHash = TokenHasher.Hash(secret),
            ExpiresAt = request.ExpiryFrom(now),
            MaxUses = request.MaxUses ?? 1,
            RemainingUses = request.MaxUses ?? 1,
            AllowedGrantTypes = policy?.GrantTypes?.ToArray(),
            AllowedRedirectUriHosts = policy?.RedirectUriHosts?.ToArray(),
            AllowedScopes = policy?.Scopes?.ToArray(),
            CreatedAt = now,
            CreatedBy = caller.Actor.Id,
        };
        db.InitialAccessTokens.Add(token);
        audit.Record(new AuditEntry(AuditActions.InitialAccessTokenIssued, caller.Actor, Resource(token.Id), AuditOutcome.Ok(StatusCodes.Status201Created)));
        await db.SaveChangesAsync(response.HttpContext.RequestAborted);
        response.Headers.CacheControl = "no-store";
        // Shown once: only its SHA-256 is kept.
        return TypedResults.Created($"/admin/initial-access-tokens/{token.Id}", new InitialAccessTokenIssued(InitialAccessTokenView.From(token, now), secret));
    }

    private static async Task<Ok<InitialAccessTokenList>> ListAsync(ClientsDbContext db, TimeProvider time, CancellationToken cancellation)
    {
        var now = time.GetUtcNow();
        var tokens = await db.InitialAccessTokens.AsNoTracking().OrderByDescending(t => t.CreatedAt).Take(MaxListed).ToListAsync(cancellation);
        return TypedResults.Ok(new InitialAccessTokenList([.. tokens.Select(t => InitialAccessTokenView.From(t, now))]));
    }

    private static async Task<Results<Ok<Done>, ProblemHttpResult>> RevokeAsync(string tokenId, AdminActor caller, ClientsDbContext db, IAuditTrail audit,
        TimeProvider time, CancellationToken cancellation)
    {
        if (await db.InitialAccessTokens.FirstOrDefaultAsync(t => t.Id == tokenId, cancellation) is not { } token)
            return AdminProblems.Problem(StatusCodes.Status404NotFound, AdminProblems.NotFound, $"Initial access token {tokenId} not found.");
        token.RevokedAt ??= time.GetUtcNow();
        audit.Record(new AuditEntry(AuditActions.InitialAccessTokenRevoked, caller.Actor, Resource(token.Id), AuditOutcome.Ok()));
        await db.SaveChangesAsync(cancellation);
        return TypedResults.Ok(Done.Because("Initial access token revoked"));
    }

    private static AuditResource Resource(string id) => new(AuditResourceTypes.InitialAccessToken, id);
}
