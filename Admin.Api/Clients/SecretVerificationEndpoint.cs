using ClientPlatform.Admin.Api.Auth;
using ClientPlatform.Clients.Core.Persistence;
using ClientPlatform.Clients.Core.Security;
using ClientPlatform.Clients.Infrastructure.Audit;
using ClientPlatform.Clients.Infrastructure.Caching;
using ClientPlatform.Clients.Infrastructure.OpenApi;
using ClientPlatform.Clients.Infrastructure.Security;

namespace ClientPlatform.Admin.Api.Clients;

/// <summary>
/// <c>POST /admin/clients/{id}/verify-secret</c>: the authorization server asks whether a presented client
/// secret is the client's — the current one, or an older one of its credential set before that one's expiry — and which
/// (its id). 200 with <c>valid</c> either way (the question was answered), 404 for an unknown client. Audited, never logged.
/// </summary>
internal static class SecretVerificationEndpoint
{
    public static IEndpointRouteBuilder MapSecretVerification(this IEndpointRouteBuilder app)
    {
        foreach (var clients in AdminRoutes.Groups(app, "clients"))
            clients.MapPost("{clientId}/verify-secret", VerifyAsync).RequireAuthorization(AdminScopes.ClientsRead)
                .RateLimited(RateLimitPolicies.AdminVerifySecret, RateLimitPartition.AdminCredential)
                .Describe("verifyClientSecret", "Clients", "Check a client's secret",
                    "For an authorization server that keeps no copy: the current secret, or an older one of the client's before its expiry; says which. Audited.")
                .Takes("The secret the client presented.")
                .Answers(StatusCodes.Status200OK, "Whether it matched (a mismatch is 200 with valid false).")
                .Answers(StatusCodes.Status400BadRequest, "No client_secret.")
                .Answers(StatusCodes.Status404NotFound, "No such client.");
        return app;
    }

    private static async Task<Results<Ok<SecretCheckResult>, ProblemHttpResult>> VerifyAsync(string clientId, AdminBody<SecretCheck> body,
        AdminActor caller, HttpContext context, ClientsDbContext db, ClientCache cache, IAuditTrail audit, SecretChecks checks, ClientUseRecorder uses,
        TimeProvider time)
    {
        var presented = body.Value.ClientSecret;
        // The cache is exact (invalidated by every committed change), and this is asked on every client authentication.
        if (await cache.GetOrLoadAsync(clientId, () => db.Clients.AsNoTracking().FirstOrDefaultAsync(c => c.ClientId == clientId, context.RequestAborted)) is not { } client)
            return AdminProblems.NotFoundClient(clientId);
        var now = time.GetUtcNow();
        var (match, busy) = await checks.RunAsync(() => ClientCredentials.VerifySecret(client, presented, now), context.RequestAborted);
        if (busy)
        {
            context.Response.Headers.RetryAfter = "1";
            return AdminProblems.Problem(StatusCodes.Status429TooManyRequests, AdminProblems.RateLimited,
                "Every secret check this server runs at once is busy; retry after 1 s.");
        }
        var matched = match is null ? null : ReferenceEquals(match, client.CurrentSecret()) ? Current : Previous;
        if (match is not null)
            uses.Used(clientId, match.Id, now);
        var actor = caller.Actor;
        await audit.RecordNowAsync(new AuditEntry(AuditActions.SecretVerified, actor, new AuditResource(AuditResourceTypes.Client, clientId),
            match is null ? AuditOutcome.Failed(StatusCodes.Status200OK, "secret_mismatch") : AuditOutcome.Ok(),
            match is null ? null :
            [
                new AuditChange("matched", null, JsonSerializer.SerializeToElement(matched)),
                new AuditChange(SecretRotationAudit.SecretId, null, JsonSerializer.SerializeToElement(match.Id)),
            ]), context.RequestAborted);
        context.Response.Headers.CacheControl = "no-store";
        // Which secret matched, and when it stops working (null: it does not expire).
        return TypedResults.Ok(new SecretCheckResult(match is not null, matched, match?.Id, match?.ExpiresAt?.ToUnixTimeMilliseconds()));
    }

    private const string Current = "current";
    private const string Previous = "previous";
}
