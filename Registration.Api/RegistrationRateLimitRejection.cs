using ClientPlatform.Clients.Infrastructure.RateLimiting;

namespace ClientPlatform.Registration.Api;

/// <summary>429 as an RFC 7591-shaped JSON error (DCR-06); the middleware has set Retry-After.</summary>
internal sealed class RegistrationRateLimitRejection : IRateLimitRejection
{
    public IResult Rejected(string policy, int retryAfterSeconds) => OAuthResults.Error(StatusCodes.Status429TooManyRequests,
        OAuthErrors.RateLimited, $"Too many requests ({policy}); retry after {retryAfterSeconds} s.");
}
