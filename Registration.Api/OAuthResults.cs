using Microsoft.AspNetCore.Diagnostics;

namespace ClientPlatform.Registration.Api;

/// <summary>
/// Every error /register answers, in one place: RFC 7591 §3.2.2 JSON bodies, RFC 6750 §3 challenges, and
/// Cache-Control: no-store on each (DCR-11).
/// </summary>
internal static class OAuthResults
{
    /// <summary>Error codes of this API beside the RFC ones: a path no endpoint serves, and an unexpected failure.</summary>
    public const string NotFound = "not_found";
    public const string ServerError = "server_error";

    public static OAuthErrorResult Error(int status, string error, string description) => new(status, error, description, null);

    /// <summary>RFC 6750 §3: the challenge, with error parameters only when a token was sent (§3.1).</summary>
    /// <param name="scope">For insufficient_scope: the scope the request needs (RFC 6750 §3.1).</param>
    public static OAuthErrorResult Challenge(int status, string realm, string? error, string description, string? scope = null) =>
        new(status, error ?? Clients.Core.OAuth.OAuthErrors.InvalidToken, description, Clients.Core.OAuth.BearerChallenge.Header(realm, error, description, scope));

    /// <summary>
    /// An unexpected failure: 500 with an OAuth-shaped body and the trace id to find it in the logs — never
    /// a stack trace, even in Development.
    /// </summary>
    public static Task ServerErrorAsync(HttpContext context) =>
        Error(StatusCodes.Status500InternalServerError, ServerError,
            $"An unexpected error occurred (trace id {System.Diagnostics.Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier}).")
            .ExecuteAsync(context);

    /// <summary>503 when PostgreSQL could not serve the request in time (RequestBudget sets the status and Retry-After).</summary>
    public static Task UnavailableAsync(HttpContext context) =>
        Error(StatusCodes.Status503ServiceUnavailable, Clients.Core.OAuth.OAuthErrors.TemporarilyUnavailable,
            "The service could not answer in time; try again shortly.").ExecuteAsync(context);

    /// <summary>
    /// A status answered without a body by routing itself (405 for a method the path does not take, 404 for a path
    /// no endpoint serves): given the same JSON shape as every other error here.
    /// </summary>
    public static Task StatusCodeAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var status = http.Response.StatusCode;
        var (error, description) = status switch
        {
            StatusCodes.Status405MethodNotAllowed => ("invalid_request", $"{http.Request.Method} is not allowed on {http.Request.Path}."),
            StatusCodes.Status404NotFound => (NotFound, $"No resource is served at {http.Request.Path}."),
            _ => ("invalid_request", $"The request was refused ({status})."),
        };
        return Error(status, error, description).ExecuteAsync(http);
    }

    /// <summary>Marks a response that carries a secret or a token as never to be stored (RFC 7591 §3.2.1 example, RFC 6749 §5.1).</summary>
    public static void NoStore(HttpResponse response)
    {
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
    }
}

/// <summary>
/// An error answer of /register: the status, Cache-Control: no-store, the RFC 6750 challenge where a credential was
/// refused, and the <see cref="OAuthError"/> body (its description kept to the characters RFC 6749 §5.2 allows).
/// </summary>
internal sealed class OAuthErrorResult(int status, string error, string description, string? challenge) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => status;

    public Task ExecuteAsync(HttpContext context)
    {
        var response = context.Response;
        response.StatusCode = status;
        OAuthResults.NoStore(response);
        if (challenge is not null)
            response.Headers.WWWAuthenticate = challenge;
        response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(response.Body, new OAuthError(error, Clients.Core.OAuth.BearerChallenge.AllowedText(description)),
            RegistrationJson.Default.OAuthError, context.RequestAborted);
    }
}
