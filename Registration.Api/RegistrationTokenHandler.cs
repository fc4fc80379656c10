using System.Security.Claims;
using System.Text.Encodings.Web;
using ClientPlatform.Clients.Core.Admin;
using ClientPlatform.Clients.Core.Audit;
using ClientPlatform.Clients.Core.Security;
using ClientPlatform.Clients.Infrastructure.Audit;
using ClientPlatform.Clients.Infrastructure.Caching;
using ClientPlatform.Clients.Infrastructure.OAuth;
using ClientPlatform.Clients.Infrastructure.RateLimiting;
using ClientPlatform.Clients.Infrastructure.Redis;
using ClientPlatform.ServiceDefaults;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClientPlatform.Registration.Api;

/// <summary>
/// The registration access token scheme (RFC 7592 §2, RFC 6750): the token is looked up by its SHA-256
/// hash and must belong to the client in the route. A token used for another client, or for one that no
/// longer exists, is revoked (RFC 7592 §2.1) — and that case answers exactly like an unknown token, so
/// nobody learns whether a client id exists. Every refusal is audited sampled, and a failed credential costs its
/// address a permit (<see cref="FailedCredentialLimit"/>). An admin API key with <c>client:admin</c> is accepted too where
/// the deployment allows it (seed 000 §6; <see cref="RegistrationOptions.AcceptAdminCredentials"/>): it manages any
/// client, and is never revoked here (only the admin API revokes keys).
/// </summary>
internal sealed class RegistrationTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions, ILoggerFactory loggers, UrlEncoder encoder,
    ClientsDbContext db, IAuditTrail audit, AdminCredentials adminCredentials, ClientCache cache, RateLimitPermits permits,
    FailedCredentialLimit failures, AccessDenials denials, IOptions<RegistrationOptions> options, TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggers, encoder)
{
    public const string SchemeName = "RegistrationToken";
    public const string Policy = "RegistrationToken";

    private const string InvalidTokenDescription = "The registration access token is not valid for this client.";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var (kind, token, problem) = BearerToken.Read(Request);
        if (kind == Presentation.None)
            return AuthenticateResult.NoResult();
        if (kind == Presentation.Malformed)
            return AuthenticateResult.Fail(new TokenRejected(StatusCodes.Status400BadRequest, OAuthErrors.InvalidRequest, problem!));
        // An address over its limit of failed credentials is refused before any lookup (design.md §3).
        if (failures.IsBlocked(Context, out var blocked))
            return AuthenticateResult.Fail(TokenRejected.TooManyFailures(blocked));

        var routeClientId = Request.RouteValues["clientId"] as string;
        var now = time.GetUtcNow();
        var hash = TokenHasher.Hash(token!);
        // A read is answered from the shared cache when it holds this client with this token, valid and not due
        // for renewal: no PostgreSQL query. The same script takes the request's rate-limit permit when the token is
        // the cached client's: one Redis round trip per read. Changes always authenticate against the database, on
        // a tracked row.
        CacheStamp? stamp = null;
        if (HttpMethods.IsGet(Request.Method) && routeClientId is not null)
        {
            var permit = permits.Prepare(Context);
            var (lookup, decision) = await cache.GetForTokenAsync(routeClientId, hash, now, permit);
            if (decision is { } taken)
                RateLimitPermits.Taken(Context, permit!, taken);
            if (lookup.Client is { } cached && TokenHasher.HashMatches(hash, cached.RegistrationTokenHash)
                && !IsExpired(cached, now) && !IsRenewalDue(cached, now))
                return Authenticated(cached);
            stamp = lookup.Stamp;
        }

        var client = await db.Clients.FirstOrDefaultAsync(c => c.RegistrationTokenHash == hash, Context.RequestAborted);
        if (client is null || !TokenHasher.HashMatches(hash, client.RegistrationTokenHash))
            return await AuthenticateAdminAsync(token!, routeClientId);
        if (client.ClientId != routeClientId)
        {
            // RFC 7592 §2.1: SHOULD revoke a token used against a client it does not manage.
            await db.Clients.Where(c => c.ClientId == client.ClientId && c.RegistrationTokenHash == hash)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.RegistrationTokenHash, (string?)null), Context.RequestAborted);
            await cache.InvalidateAsync([client.ClientId]); // ExecuteUpdate bypasses the SaveChanges interceptor
            Log.TokenRevokedForWrongClient(Logger, client.ClientId);
            return Invalid(InvalidTokenDescription);
        }
        if (IsExpired(client, now))
            return Invalid("The registration access token has expired.");
        try
        {
            await RenewAsync(client, now);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Invalid(InvalidTokenDescription); // rotated or deleted by a concurrent request
        }
        if (stamp is not null)
            await cache.StoreAsync(client, stamp);
        return Authenticated(client);
    }

    private AuthenticateResult Authenticated(Client client)
    {
        new RegistrationCaller(client, Admin: null).AttachTo(Context);
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, client.ClientId)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    private static bool IsExpired(Client client, DateTimeOffset now) => client.RegistrationTokenExpiresAt is { } expires && expires <= now;

    /// <summary>
    /// The bearer value is no registration token: it may be an admin API key with client:admin, where this deployment
    /// accepts them (<see cref="RegistrationOptions.AcceptAdminCredentials"/>) and the request did not come in on the
    /// gateway's public listener. Otherwise it is refused exactly like an unknown token, without a lookup.
    /// </summary>
    private async Task<AuthenticateResult> AuthenticateAdminAsync(string token, string? routeClientId)
    {
        if (options.Value.AcceptAdminCredentials != true || Request.Headers[GatewayListener.Header] == GatewayListener.Public)
            return Invalid(InvalidTokenDescription);
        var (admin, failure) = await adminCredentials.VerifyAsync(token, bootstrapSecret: null, Context.RequestAborted);
        if (admin is null)
            return Invalid(failure == AdminCredentials.NotValid ? InvalidTokenDescription : failure!);
        if (!admin.Has(AdminScopes.ClientAdmin))
            return AuthenticateResult.Fail(new TokenRejected(StatusCodes.Status403Forbidden, OAuthErrors.InsufficientScope,
                $"Managing a client's registration with an admin credential needs the {AdminScopes.ClientAdmin} scope.", AdminScopes.ClientAdmin));
        var client = await db.Clients.FirstOrDefaultAsync(c => c.ClientId == routeClientId, Context.RequestAborted);
        if (client is null)
            return Invalid("No client is registered with this id."); // RFC 7592 §2.1: 401 for an unknown client
        new RegistrationCaller(client, admin).AttachTo(Context);
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, admin.Actor), new Claim("scope", AdminScopes.ClientAdmin)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    /// <summary>Sliding expiry (design.md §7 C-2), written at most about once per hundredth of the lifetime.</summary>
    private async Task RenewAsync(Client client, DateTimeOffset now)
    {
        if (!IsRenewalDue(client, now))
            return;
        var lifetime = options.Value.RegistrationTokenIdleLifetime;
        // Through the tracked entity, so its row version stays current for an update in the same request.
        client.RegistrationTokenExpiresAt = now + lifetime;
        await db.SaveChangesAsync(Context.RequestAborted);
    }

    private bool IsRenewalDue(Client client, DateTimeOffset now)
    {
        var lifetime = options.Value.RegistrationTokenIdleLifetime;
        return lifetime > TimeSpan.Zero && client.RegistrationTokenExpiresAt is { } expires && expires - now <= lifetime * 0.99;
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var rejected = result.Failure as TokenRejected
                       ?? new TokenRejected(StatusCodes.Status401Unauthorized, null, "A registration access token is required (Authorization: Bearer).");
        // A credential that failed costs its address a permit; the one that finds none left is answered 429 already.
        if (rejected is { Status: StatusCodes.Status401Unauthorized, Error: OAuthErrors.InvalidToken }
            && await failures.RecordFailureAsync(Context) is { Allowed: false } over)
            rejected = TokenRejected.TooManyFailures(over);
        var claimedClientId = Request.RouteValues["clientId"] as string;
        if (rejected.RetryAfter is { } wait)
        {
            Response.Headers.RetryAfter = wait.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await denials.RecordAsync(audit, Context, AuditActions.RateLimited, AuditResourceTypes.Client, rejected.Status, OAuthErrors.RateLimited, claimedClientId);
            await OAuthResults.Error(rejected.Status, OAuthErrors.RateLimited, rejected.Message).ExecuteAsync(Context);
            return;
        }
        await denials.RecordAsync(audit, Context, AuditActions.AccessDenied, AuditResourceTypes.Client, rejected.Status,
            rejected.Error ?? OAuthErrors.InvalidToken, claimedClientId);
        await OAuthResults.Challenge(rejected.Status, options.Value.Realm, rejected.Error, rejected.Message, rejected.Scope).ExecuteAsync(Context);
    }

    private static AuthenticateResult Invalid(string description) =>
        AuthenticateResult.Fail(new TokenRejected(StatusCodes.Status401Unauthorized, OAuthErrors.InvalidToken, description));

    /// <summary>
    /// Why a presented token was refused: the status, the RFC 6750 error code (none when no token was sent)
    /// and, for insufficient_scope, the scope needed.
    /// </summary>
    private sealed class TokenRejected(int status, string? error, string description, string? scope = null, RateLimitDecision? retryAfter = null)
        : Exception(description)
    {
        /// <summary>429: the caller's address has no failed credential left in the window (<see cref="FailedCredentialLimit"/>).</summary>
        public static TokenRejected TooManyFailures(RateLimitDecision refusal) => new(StatusCodes.Status429TooManyRequests, OAuthErrors.RateLimited,
            $"Too many failed credentials from this address ({RateLimitPolicies.FailedCredentials}); retry after {refusal.RetryAfterSeconds} s.",
            retryAfter: refusal);

        public string? Scope { get; } = scope;

        public RateLimitDecision? RetryAfter { get; } = retryAfter;

        public int Status { get; } = status;

        public string? Error { get; } = error;
    }
}
