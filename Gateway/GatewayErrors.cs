using System.Text.Json;

namespace ClientPlatform.Gateway;

/// <summary>The gateway's own answers, in the OAuth error shape the APIs behind it use (RFC 6749 §5.2).</summary>
internal static class GatewayErrors
{
    public static async Task WriteAsync(HttpContext context, int status, string error, string description)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("error", error);
        json.WriteString("error_description", description);
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }

    /// <summary>Any path that is not routed: 404 with a JSON body, never an empty page.</summary>
    public static Task NotFoundAsync(HttpContext context) =>
        WriteAsync(context, StatusCodes.Status404NotFound, "not_found", $"No resource is served at {context.Request.Path}.");
}
