using System.Net;
using System.Text.Json;

namespace ClientPlatform.Registration.Api.Tests;

/// <summary>An answer as a user would check it: status, headers, body.</summary>
internal sealed record Reply(HttpStatusCode Status, HttpResponseMessage Response, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string? Error => Body.Length > 0 ? Json.GetProperty("error").GetString() : null;

    public string? Challenge => Response.Headers.WwwAuthenticate.Count > 0 ? Response.Headers.WwwAuthenticate.ToString() : null;

    public string? String(string name) => Json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public bool Has(string name) => Json.TryGetProperty(name, out _);

    public bool NoStore =>
        Response.Headers.CacheControl?.NoStore == true && Response.Headers.Pragma.ToString().Contains("no-cache");

    public static async Task<Reply> FromAsync(HttpResponseMessage response) =>
        new(response.StatusCode, response, await response.Content.ReadAsStringAsync());
}
