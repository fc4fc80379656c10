using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using ClientPlatform.Clients.Core.OAuth;
using ClientPlatform.Clients.Core.Persistence;
using ClientPlatform.Clients.Core.Security;
using Microsoft.EntityFrameworkCore;
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
    ClientsDbContext db, TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggers, encoder)
{
    public const string SchemeName = "AdminBearer";
    public const string Realm = "admin";
    public const string BootstrapActor = "bootstrap";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var (kind, token, problem) = BearerToken.Read(Request);
        if (kind == Presentation.None)
            return AuthenticateResult.NoResult();
        if (kind == Presentation.Malformed)
            return AuthenticateResult.Fail(problem!);
        if (CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token!), Encoding.UTF8.GetBytes(options.Value.AdminApiSecret)))
            return Success(BootstrapActor, AdminScopes.All);

        var hash = TokenHasher.Hash(token!);
        var key = await db.AdminApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.KeyHash == hash, Context.RequestAborted);
        if (key is null || !TokenHasher.Matches(token!, key.KeyHash) || key.RevokedAt is not null)
            return AuthenticateResult.Fail("The admin credential is not valid.");
        if (key.ExpiresAt is { } expires && expires <= time.GetUtcNow())
            return AuthenticateResult.Fail("The admin API key has expired.");
        // client:admin holds every other scope (design.md §7 C-10).
        return Success(key.Id, key.Scopes.Contains(AdminScopes.ClientAdmin) ? AdminScopes.All : key.Scopes);
    }

    private static AuthenticateResult Success(string actor, IEnumerable<string> scopes)
    {
        var claims = scopes.Select(s => new Claim("scope", s)).Append(new Claim(ClaimTypes.NameIdentifier, actor));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure;
        Response.Headers.WWWAuthenticate = failure is null
            ? $"Bearer realm=\"{Realm}\""
            : $"Bearer realm=\"{Realm}\", error=\"invalid_token\", error_description=\"{failure.Message.Replace('"', '\'')}\"";
        await AdminProblems.Problem(StatusCodes.Status401Unauthorized, AdminProblems.Unauthorized,
            failure?.Message ?? "An admin credential is required (Authorization: Bearer).").ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        // Each admin policy is named after the scope it needs.
        var scope = Context.GetEndpoint()?.Metadata.GetOrderedMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>()
            .Select(a => a.Policy).LastOrDefault(p => p is not null) ?? "";
        Response.Headers.WWWAuthenticate = $"Bearer realm=\"{Realm}\", error=\"insufficient_scope\", scope=\"{scope}\"";
        await AdminProblems.Problem(StatusCodes.Status403Forbidden, AdminProblems.Forbidden,
            $"The admin credential lacks the scope this needs ({scope}).").ExecuteAsync(Context);
    }
}
