using ClientPlatform.Admin.Api.Auth;
using ClientPlatform.Clients.Core.Persistence;
using ClientPlatform.Clients.Core.Registration;
using ClientPlatform.Clients.Core.Security;
using ClientPlatform.Clients.Infrastructure.Audit;
using ClientPlatform.Clients.Infrastructure.OpenApi;
using Microsoft.IdentityModel.Tokens;

namespace ClientPlatform.Admin.Api.Registration;

/// <summary>
/// The issuers whose software statements registration trusts (RFC 7591 §2.3): trusted with their keys (a JWK
/// Set inline, or a jwks_uri), listed and removed by a holder of client:admin — trust is an administrator's call.
/// </summary>
internal static class SoftwareStatementIssuerEndpoints
{
    private const string Tag = "Software statement issuers";
    private const string IdPrefix = "ssi_";

    /// <summary>Members that only a private or symmetric key has (RFC 7518 §6.2.2, §6.3.2, §6.4): never a trust anchor.</summary>
    private static readonly string[] SecretMembers = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

    public static IEndpointRouteBuilder MapSoftwareStatementIssuerEndpoints(this IEndpointRouteBuilder app)
    {
        foreach (var group in AdminRoutes.Groups(app, "software-statement-issuers"))
        {
            var issuers = group.RequireAuthorization(AdminScopes.ClientAdmin)
                .RateLimited(RateLimitPolicies.AdminOther, RateLimitPartition.AdminCredential);
            issuers.MapPost("", TrustAsync)
                .Describe("trustSoftwareStatementIssuer", Tag, "Trust a software statement issuer", "Statements it signs (RFC 7591 §2.3) are then accepted.")
                .Takes("The issuer and its public keys.")
                .Answers(StatusCodes.Status201Created, "Trusted.", ApiHeaders.Location)
                .Answers(StatusCodes.Status400BadRequest, "No issuer, or keys that are not a public JWK Set.")
                .Answers(StatusCodes.Status409Conflict, "The issuer is already trusted.");
            issuers.MapGet("", ListAsync)
                .Describe("listSoftwareStatementIssuers", Tag, "List trusted issuers")
                .Answers(StatusCodes.Status200OK, "The issuers.");
            issuers.MapDelete("{issuerId}", RemoveAsync)
                .Describe("removeSoftwareStatementIssuer", Tag, "Stop trusting an issuer", "Its statements are refused from now on.")
                .Answers(StatusCodes.Status204NoContent, "Removed.")
                .Answers(StatusCodes.Status404NotFound, "No such issuer.");
        }
        return app;
    }

    private static async Task<Results<Created<SoftwareStatementIssuerView>, ProblemHttpResult>> TrustAsync(
        AdminBody<SoftwareStatementIssuerTrust> body, AdminActor caller, ClientsDbContext db, IAuditTrail audit, TimeProvider time,
        CancellationToken cancellation)
    {
        var request = body.Value;
        var (jwks, jwksUri, keysProblem) = Keys(request);
        if (keysProblem is not null)
            return AdminProblems.BadRequest(keysProblem);
        if (await db.SoftwareStatementIssuers.AnyAsync(i => i.Issuer == request.Issuer, cancellation))
            return AdminProblems.Problem(StatusCodes.Status409Conflict, AdminProblems.Conflict, $"issuer: {request.Issuer} is already trusted; remove it first to change its keys.");
        var issuer = new SoftwareStatementIssuer
        {
            Id = IdPrefix + SecretGenerator.NewClientId(),
            Issuer = request.Issuer,
            Jwks = jwks,
            JwksUri = jwksUri,
            CreatedAt = time.GetUtcNow(),
            CreatedBy = caller.Actor.Id,
        };
        db.SoftwareStatementIssuers.Add(issuer);
        audit.Record(new AuditEntry(AuditActions.SoftwareStatementIssuerTrusted, caller.Actor, Resource(issuer.Id),
            AuditOutcome.Ok(StatusCodes.Status201Created), [new AuditChange("issuer", null, JsonSerializer.SerializeToElement(request.Issuer))]));
        await db.SaveChangesAsync(cancellation);
        return TypedResults.Created($"/admin/software-statement-issuers/{issuer.Id}", SoftwareStatementIssuerView.From(issuer));
    }

    private static async Task<Ok<SoftwareStatementIssuerList>> ListAsync(ClientsDbContext db, CancellationToken cancellation) =>
        TypedResults.Ok(new SoftwareStatementIssuerList([.. (await db.SoftwareStatementIssuers.AsNoTracking().OrderBy(i => i.Issuer).ToListAsync(cancellation))
            .Select(SoftwareStatementIssuerView.From)]));

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(string issuerId, AdminActor caller, ClientsDbContext db, IAuditTrail audit,
        CancellationToken cancellation)
    {
        if (await db.SoftwareStatementIssuers.FirstOrDefaultAsync(i => i.Id == issuerId, cancellation) is not { } issuer)
            return AdminProblems.Problem(StatusCodes.Status404NotFound, AdminProblems.NotFound, $"Software statement issuer {issuerId} not found.");
        db.SoftwareStatementIssuers.Remove(issuer);
        audit.Record(new AuditEntry(AuditActions.SoftwareStatementIssuerRemoved, caller.Actor, Resource(issuer.Id), AuditOutcome.Ok(),
            [new AuditChange("issuer", JsonSerializer.SerializeToElement(issuer.Issuer), null)]));
        await db.SaveChangesAsync(cancellation);
        return TypedResults.NoContent();
    }

    /// <summary>Exactly one of jwks (a JWK Set of public signing keys) and jwks_uri (an absolute http(s) URL).</summary>
    private static (string? Jwks, string? JwksUri, string? Problem) Keys(SoftwareStatementIssuerTrust request)
    {
        if (request.JwksUri is { } uri)
            return Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.Scheme is "https" or "http" && uri.Length <= ClientLimits.UriMaxLength
                ? (null, uri, null)
                : (null, null, SoftwareStatementIssuerTrust.JwksUriRule);
        var jwks = request.Jwks!.Value;
        var text = jwks.GetRawText();
        if (jwks.ValueKind != JsonValueKind.Object || !jwks.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array
            || keys.GetArrayLength() is 0 || keys.GetArrayLength() > ClientLimits.MaxJwksKeys || text.Length > ClientLimits.JwksMaxLength)
            return (null, null, $"jwks: a JWK Set (RFC 7517 §5) with 1 to {ClientLimits.MaxJwksKeys} keys");
        if (keys.EnumerateArray().Any(k => k.ValueKind != JsonValueKind.Object || SecretMembers.Any(m => k.TryGetProperty(m, out _))))
            return (null, null, "jwks: public keys only; a private or symmetric key must never be sent");
        try
        {
            var set = new JsonWebKeySet(text);
            return set.GetSigningKeys().Count == set.Keys.Count
                ? (text, null, null)
                : (null, null, "jwks: every key must be an RSA or EC public key usable for signatures");
        }
        catch (ArgumentException)
        {
            return (null, null, "jwks: not a valid JWK Set (RFC 7517 §5)");
        }
    }

    private static AuditResource Resource(string id) => new(AuditResourceTypes.SoftwareStatementIssuer, id);
}
