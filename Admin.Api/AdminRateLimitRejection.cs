namespace ClientPlatform.Admin.Api;

/// <summary>429 as problem+json with <c>error: rate_limited</c>; the middleware has set Retry-After.</summary>
internal sealed class AdminRateLimitRejection : IRateLimitRejection
{
    public IResult Rejected(string policy, int retryAfterSeconds) => AdminProblems.Problem(StatusCodes.Status429TooManyRequests,
        AdminProblems.RateLimited, $"Too many requests for this admin credential ({policy}); retry after {retryAfterSeconds} s.");
}
