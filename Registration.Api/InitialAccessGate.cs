using ClientPlatform.Clients.Infrastructure.OAuth;

namespace ClientPlatform.Registration.Api;

/// <summary>
/// <c>Registration:Mode = token</c>: <c>POST /register</c> is a protected resource whose credential is an
/// initial access token (RFC 7591 §3), presented as an RFC 6750 bearer token and refused with its challenge.
/// </summary>
internal static class InitialAccessGate
{
    public static async Task<(InitialAccessToken? Token, Refusal? Refusal)> AuthenticateAsync(
        HttpContext context, ClientsDbContext db, RegistrationOptions options, DateTimeOffset now)
    {
        var (kind, presented, problem) = BearerToken.Read(context.Request);
        if (kind == Presentation.None)
            // RFC 6750 §3.1: no credentials at all, so no error code in the challenge.
            return (null, Refusal.Challenge(StatusCodes.Status401Unauthorized, options.Realm, OAuthErrors.InvalidToken,
                "An initial access token is required to register a client (RFC 7591 §3).", namesError: false));
        if (kind == Presentation.Malformed)
            return (null, Refusal.Challenge(StatusCodes.Status400BadRequest, options.Realm, OAuthErrors.InvalidRequest, problem!));
        var (token, refusal) = await InitialAccessTokens.FindAsync(db, presented!, now, context.RequestAborted);
        return token is null ? (null, Invalid(options, refusal!)) : (token, null);
    }

    /// <summary>RFC 6750 §3.1 invalid_token: unknown, revoked, expired, or its last use taken by another registration.</summary>
    public static Refusal Invalid(RegistrationOptions options, string description) =>
        Refusal.Challenge(StatusCodes.Status401Unauthorized, options.Realm, OAuthErrors.InvalidToken, description);
}
