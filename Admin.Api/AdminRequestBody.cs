using Microsoft.Net.Http.Headers;

namespace ClientPlatform.Admin.Api;

internal static class AdminRequestBody
{
    /// <summary>The answer to a body that is not a JSON object, where nothing more particular is said.</summary>
    public const string NotAJsonObject = "The request body must be a JSON object (application/json).";

    /// <summary>
    /// The body as a JSON object whose every string can be stored (<see cref="JsonText.StorableProblem"/>), or the
    /// refusal to answer: <paramref name="shape"/> when it is not a JSON object, the offending member when it is.
    /// </summary>
    public static async Task<(JsonDocument? Body, string? Problem)> ReadAsync(HttpRequest request, string shape, string mediaType = "application/json")
    {
        if (!IsOfType(request, mediaType))
            return (null, shape);
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, default, request.HttpContext.RequestAborted);
        }
        catch (JsonException)
        {
            return (null, shape);
        }
        var problem = document.RootElement.ValueKind != JsonValueKind.Object ? shape : JsonText.StorableProblem(document.RootElement);
        if (problem is null)
            return (document, null);
        document.Dispose();
        return (null, problem);
    }

    /// <summary>Whether the request's body is of <paramref name="mediaType"/> (its parameters aside).</summary>
    public static bool IsOfType(HttpRequest request, string mediaType) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type) && type.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase);
}
