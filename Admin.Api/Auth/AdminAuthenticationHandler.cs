using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using ClientPlatform.Clients.Core.OAuth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ClientPlatform.Admin.Api.Auth;

/// <summary>
/// Admin credentials: <c>Authorization: Bearer</c> with the bootstrap secret (ADMIN_API_SECRET), compared
/// in constant time. Every 401 carries an RFC 6750 challenge (design.md §7 C-9); a 403 names the scope.
/// </summary>
internal sealed class AdminAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions, ILoggerFactory loggers, UrlEncoder encoder, IOptions<AdminOptions> options)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggers, encoder)
{
    public const string SchemeName = "AdminBearer";
    public const string Realm = "admin";
    public const string BootstrapActor = "bootstrap";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var (kind, token, problem) = BearerToken.Read(Request);
        if (kind == Presentation.None)
            return Task.FromResult(AuthenticateResult.NoResult());
        if (kind == Presentation.Malformed)
            return Task.FromResult(AuthenticateResult.Fail(problem!));
        var expected = Encoding.UTF8.GetBytes(options.Value.AdminApiSecret);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token!), expected))
            return Task.FromResult(AuthenticateResult.Fail("The admin credential is not valid."));
        var claims = AdminScopes.All.Select(s => new Claim("scope", s)).Append(new Claim(ClaimTypes.NameIdentifier, BootstrapActor));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName)));
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
        var scope = properties.GetParameter<string>("scope") ?? "";
        Response.Headers.WWWAuthenticate = $"Bearer realm=\"{Realm}\", error=\"insufficient_scope\", scope=\"{scope}\"";
        await AdminProblems.Problem(StatusCodes.Status403Forbidden, AdminProblems.Forbidden,
            $"The admin credential lacks the scope this needs ({scope}).").ExecuteAsync(Context);
    }
}
