using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using ClientPlatform.Clients.Core.OAuth;
using ClientPlatform.Clients.Infrastructure.Audit;
using ClientPlatform.Clients.Infrastructure.OAuth;
using ClientPlatform.Clients.Infrastructure.Redis;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ClientPlatform.Admin.Api.Auth;

/// <summary>
/// Admin credentials, as <c>Authorization: Bearer</c>: the bootstrap secret (ADMIN_API_SECRET, compared in
/// constant time, every scope) or an admin API key (looked up by its SHA-256 hash; its own scopes; not
/// revoked, not expired). Every 401 carries an RFC 6750 challenge (design.md §7 C-9); a 403 names the scope.
/// A credential that fails costs its address a permit (<see cref="FailedCredentialLimit"/>): an address over the limit
/// is answered 429 before any lookup. Refusals are audited sampled per address (<see cref="AccessDenials"/>).
/// </summary>
internal sealed class AdminAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions, ILoggerFactory loggers, UrlEncoder encoder, IOptions<AdminOptions> options,
    AdminCredentials credentials, FailedCredentialLimit failures, AccessDenials denials, IAuditTrail audit)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggers, encoder)
{
    public const string SchemeName = "AdminBearer";
    public const string Realm = "admin";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var (kind, token, problem) = BearerToken.Read(Request);
        if (kind == Presentation.None)
            return AuthenticateResult.NoResult();
        if (kind == Presentation.Malformed)
            return AuthenticateResult.Fail(problem!);
        if (failures.IsBlocked(Context, out var blocked))
            return AuthenticateResult.Fail(new TooManyFailures(blocked));
        var (principal, failure) = await credentials.VerifyAsync(token!, options.Value.AdminApiSecret, Context.RequestAborted);
        return principal is null ? AuthenticateResult.Fail(new CredentialFailed(failure!)) : Success(principal.Actor, principal.Scopes);
    }

    private static AuthenticateResult Success(string actor, IEnumerable<string> scopes)
    {
        var claims = scopes.Select(s => new Claim("scope", s)).Append(new Claim(ClaimTypes.NameIdentifier, actor));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure;
        // The failure that finds the address's log full is answered 429 already.
        if (failure is CredentialFailed && await failures.RecordFailureAsync(Context) is { Allowed: false } over)
            failure = new TooManyFailures(over);
        if (failure is TooManyFailures { Refusal: var refusal })
        {
            Response.Headers.RetryAfter = refusal.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            await denials.RecordAsync(audit, Context, AuditActions.RateLimited, AuditResourceTypes.AdminKey,
                StatusCodes.Status429TooManyRequests, AdminProblems.RateLimited, claimedClientId: null);
            await AdminProblems.Problem(StatusCodes.Status429TooManyRequests, AdminProblems.RateLimited, failure.Message).ExecuteAsync(Context);
            return;
        }
        await denials.RecordAsync(audit, Context, AuditActions.AccessDenied, AuditResourceTypes.AdminKey,
            StatusCodes.Status401Unauthorized, AdminProblems.Unauthorized, claimedClientId: null);
        Response.Headers.WWWAuthenticate = BearerChallenge.Header(Realm, failure is null ? null : OAuthErrors.InvalidToken, failure?.Message);
        await AdminProblems.Problem(StatusCodes.Status401Unauthorized, AdminProblems.Unauthorized,
            failure?.Message ?? "An admin credential is required (Authorization: Bearer).").ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        // Each admin policy is named after the scope it needs.
        var scope = Context.GetEndpoint()?.Metadata.GetOrderedMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>()
            .Select(a => a.Policy).LastOrDefault(p => p is not null) ?? "";
        Response.Headers.WWWAuthenticate = BearerChallenge.Header(Realm, "insufficient_scope", null, scope);
        await AdminProblems.Problem(StatusCodes.Status403Forbidden, AdminProblems.Forbidden,
            $"The admin credential lacks the scope this needs ({scope}).").ExecuteAsync(Context);
    }

    /// <summary>A credential was presented and is not a valid one (unknown, revoked, expired).</summary>
    private sealed class CredentialFailed(string message) : Exception(message);

    /// <summary>The caller's address has no failed credential left in the window.</summary>
    private sealed class TooManyFailures(RateLimitDecision refusal)
        : Exception($"Too many failed credentials from this address ({RateLimitPolicies.FailedCredentials}); retry after {refusal.RetryAfterSeconds} s.")
    {
        public RateLimitDecision Refusal { get; } = refusal;
    }
}
