using System.Globalization;
using System.Text.Json;

namespace ClientPlatform.Gateway;

/// <summary>
/// The gateway's own answers, in the format of the route they answer for: the OAuth error shape of RFC 7591 §3.2.2
/// (RFC 6749 §5.2) on /register and elsewhere, problem+json (RFC 9457) on the admin API, with the same <c>error</c>
/// codes the APIs use. A client cannot tell an error the gateway made from one an API made by its shape.
/// </summary>
internal static class GatewayErrors
{
    public const string InvalidRequest = "invalid_request";
    public const string NotFound = "not_found";
    public const string TemporarilyUnavailable = "temporarily_unavailable";

    /// <summary>What the gateway answers when no replica could answer: retrying after this is worth it.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);

    public static Task WriteAsync(HttpContext context, int status, string error, string description, TimeSpan? retryAfter = null) =>
        WriteAsync(context, status, error, description, retryAfter, IsAdminPath(context.Request.Path));

    private static async Task WriteAsync(HttpContext context, int status, string error, string description, TimeSpan? retryAfter, bool asProblem)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.Headers.CacheControl = "no-store";
        if (retryAfter is { } wait)
            response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        if (asProblem)
        {
            var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = status, Detail = description, Extensions = { ["error"] = error } },
            });
            return;
        }
        response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(response.Body);
        json.WriteStartObject();
        json.WriteString("error", error);
        json.WriteString("error_description", description);
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }

    /// <summary>The admin API's paths (both prefixes, design.md §7 C-11), whose errors are problem+json.</summary>
    public static bool IsAdminPath(PathString path) =>
        path.StartsWithSegments("/admin") || path.StartsWithSegments("/api/admin");

    /// <summary>
    /// Any path that is not routed: 404 with a JSON body, never an empty page. Always the OAuth shape, /admin included:
    /// on a public listener that serves no admin traffic (<see cref="AdminListener"/>) its 404 must not differ from any other.
    /// </summary>
    public static Task NotFoundAsync(HttpContext context) =>
        WriteAsync(context, StatusCodes.Status404NotFound, NotFound, $"No resource is served at {context.Request.Path}.", null, asProblem: false);
}
