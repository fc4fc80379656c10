using System.Security.Claims;
using System.Text.Encodings.Web;
using ClientPlatform.Clients.Core.Admin;
using ClientPlatform.Clients.Core.OAuth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ClientPlatform.Admin.Api.Auth;

/// <summary>
/// Admin credentials, as <c>Authorization: Bearer</c>: the bootstrap secret (ADMIN_API_SECRET, compared in
/// constant time, every scope) or an admin API key (looked up by its SHA-256 hash; its own scopes; not
/// revoked, not expired). Every 401 carries an RFC 6750 challenge (design.md §7 C-9); a 403 names the scope.
/// </summary>
internal sealed class AdminAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions, ILoggerFactory loggers, UrlEncoder encoder, IOptions<AdminOptions> options,
    AdminCredentials credentials)
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
        var (principal, failure) = await credentials.VerifyAsync(token!, options.Value.AdminApiSecret, Context.RequestAborted);
        return principal is null ? AuthenticateResult.Fail(failure!) : Success(principal.Actor, principal.Scopes);
    }

    private static AuthenticateResult Success(string actor, IEnumerable<string> scopes)
    {
        var claims = scopes.Select(s => new Claim("scope", s)).Append(new Claim(ClaimTypes.NameIdentifier, actor));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure;
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
}
