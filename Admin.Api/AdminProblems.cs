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
    public const string PreconditionFailed = "precondition_failed";
    public const string PreconditionRequired = "precondition_required";
    public const string ServerError = "server_error";
    public const string RateLimited = "rate_limited";
    public const string UnsupportedMediaType = "unsupported_media_type";
    /// <summary>A Client ID Metadata Document that is not a valid client (RFC 7591 §3.2.2's code, issue 35).</summary>
    public const string InvalidClientMetadata = ClientPlatform.Clients.Core.OAuth.OAuthErrors.InvalidClientMetadata;

    /// <summary>A Client ID Metadata Document that could not be fetched (issue 35).</summary>
    public const string DocumentUnavailable = "document_unavailable";
    public const string TemporarilyUnavailable = ClientPlatform.Clients.Core.OAuth.OAuthErrors.TemporarilyUnavailable;

    public static ProblemHttpResult Problem(int status, string error, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, extensions: new Dictionary<string, object?> { ["error"] = error });

    public static string CodeFor(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => Unauthorized,
        StatusCodes.Status403Forbidden => Forbidden,
        StatusCodes.Status404NotFound => NotFound,
        StatusCodes.Status409Conflict => Conflict,
        StatusCodes.Status412PreconditionFailed => PreconditionFailed,
        StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType,
        StatusCodes.Status428PreconditionRequired => PreconditionRequired,
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

/// <summary>The admin API's error body as the document describes it (ASP.NET Core writes it from its ProblemDetails).</summary>
[System.ComponentModel.Description("An error (RFC 9457 problem details) with the seed's error code.")]
[RequiredMembers("status", "error")]
[WireExample("""
    {"type": "https://tools.ietf.org/html/rfc9110#section-15.5.1", "title": "Bad Request", "status": 400,
     "detail": "redirect_uris[0]: must not contain a fragment", "error": "invalid_request", "traceId": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}
    """)]
internal sealed record AdminProblem(
    [property: System.ComponentModel.Description("A URI naming the problem type.")] string? Type,
    [property: System.ComponentModel.Description("The status's reason phrase.")] string? Title,
    [property: System.ComponentModel.Description("The HTTP status.")] int Status,
    [property: System.ComponentModel.Description("What was wrong, naming the member: \"member: rule\".")] string? Detail,
    [property: System.ComponentModel.Description("The seed's error code."),
        System.ComponentModel.DataAnnotations.AllowedValues(AdminProblems.InvalidRequest, AdminProblems.Unauthorized, AdminProblems.Forbidden,
            AdminProblems.NotFound, AdminProblems.Conflict, AdminProblems.PreconditionFailed, AdminProblems.PreconditionRequired, AdminProblems.UnsupportedMediaType, AdminProblems.RateLimited, AdminProblems.ServerError, AdminProblems.TemporarilyUnavailable)]
    string Error,
    [property: System.ComponentModel.Description("The trace to find this request by in the logs and traces."),
        System.Text.Json.Serialization.JsonPropertyName("traceId")]
    string? TraceId);
