using System.Text.Json;
using ClientPlatform.Clients.Core;
using Microsoft.Net.Http.Headers;

namespace ClientPlatform.Admin.Api;

internal static class AdminRequestBody
{
    /// <summary>The body as a JSON object of valid Unicode text, or null when it is anything else.</summary>
    public static async Task<JsonDocument?> ReadAsync(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
            return null;
        try
        {
            var document = await JsonDocument.ParseAsync(request.Body, default, request.HttpContext.RequestAborted);
            if (document.RootElement.ValueKind == JsonValueKind.Object && JsonText.IsValidUnicode(document.RootElement))
                return document;
            document.Dispose();
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
