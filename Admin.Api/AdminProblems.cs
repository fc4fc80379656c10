namespace ClientPlatform.Admin.Api;

/// <summary>
/// The admin API's errors: application/problem+json carrying the seed's <c>error</c> code and the trace id
/// (design.md §5). Produced here only.
/// </summary>
internal static class AdminProblems
{
    public const string InvalidRequest = "invalid_request";
    public const string Unauthorized = "unauthorized";
    public const string Forbidden = "forbidden";
    public const string NotFound = "not_found";
    public const string Conflict = "conflict";
    public const string ServerError = "server_error";
    public const string RateLimited = "rate_limited";
    public const string TemporarilyUnavailable = ClientPlatform.Clients.Core.OAuth.OAuthErrors.TemporarilyUnavailable;

    public static ProblemHttpResult Problem(int status, string error, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, extensions: new Dictionary<string, object?> { ["error"] = error });

    public static string CodeFor(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => Unauthorized,
        StatusCodes.Status403Forbidden => Forbidden,
        StatusCodes.Status404NotFound => NotFound,
        StatusCodes.Status409Conflict => Conflict,
        StatusCodes.Status429TooManyRequests => RateLimited,
        >= 500 => ServerError,
        _ => InvalidRequest,
    };

    /// <summary>503 when PostgreSQL could not serve the request in time (RequestBudget sets the status and Retry-After).</summary>
    public static Task UnavailableAsync(HttpContext context) =>
        Problem(StatusCodes.Status503ServiceUnavailable, TemporarilyUnavailable, "The service could not answer in time; try again shortly.").ExecuteAsync(context);

    public static ProblemHttpResult BadRequest(string detail) => Problem(StatusCodes.Status400BadRequest, InvalidRequest, detail);

    public static ProblemHttpResult NotFoundClient(string clientId) => Problem(StatusCodes.Status404NotFound, NotFound, $"Client {clientId} not found.");
}
