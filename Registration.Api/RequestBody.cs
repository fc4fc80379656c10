using Microsoft.Net.Http.Headers;

namespace ClientPlatform.Registration.Api;

/// <summary>The JSON object of a registration request (RFC 7591 §3): anything else is invalid_request.</summary>
internal static class RequestBody
{
    public static async Task<(JsonDocument? Document, Refusal? Refusal)> ReadAsync(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
            return (null, Refusal.InvalidRequest("The request body must be application/json."));
        try
        {
            var document = await JsonDocument.ParseAsync(request.Body, default, request.HttpContext.RequestAborted);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                return (null, Refusal.InvalidRequest("The request body must be a JSON object."));
            }
            if (!JsonText.IsValidUnicode(document.RootElement))
            {
                document.Dispose();
                return (null, Refusal.InvalidRequest("The request body holds text that is not valid Unicode."));
            }
            return (document, null);
        }
        catch (JsonException)
        {
            return (null, Refusal.InvalidRequest("The request body is not valid JSON."));
        }
    }
}
