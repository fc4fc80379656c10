using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ClientPlatform.Testing;

namespace ClientPlatform.Admin.Api.Tests;

/// <summary>Calls the admin API (and /register, to see the effect on self-management) as a client would.</summary>
internal sealed class Admin(AdminApis platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public string Secret => platform.AdminSecret;

    /// <param name="token">The credential: the bootstrap secret when empty, none when null.</param>
    /// <param name="headers">More request headers (If-Match, Idempotency-Key).</param>
    public async Task<Answer> SendAsync(HttpMethod method, string path, string? json = null, string? token = "",
        string mediaType = "application/json", IReadOnlyDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Length == 0 ? Secret : token);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            request.Headers.TryAddWithoutValidation(name, value);
        if (json is not null)
            request.Content = new StringContent(json, Encoding.UTF8, mediaType);
        var response = await platform.Admin.SendAsync(request, Ct);
        return new Answer(response.StatusCode, response, await response.Content.ReadAsStringAsync(Ct));
    }

    public async Task<JsonElement> CreateAsync(string json)
    {
        var answer = await SendAsync(HttpMethod.Post, "/api/admin/clients", json);
        Assert.True(answer.Status == HttpStatusCode.Created, $"{answer.Status}: {answer.Body}");
        return answer.Json.GetProperty("client");
    }

    /// <summary>The newest audit row of <paramref name="action"/> on the client, once the worker (which writes asynchronously) has it.</summary>
    public async Task<JsonElement> AuditAsync(string clientId, string action)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var events = await SendAsync(HttpMethod.Get, $"/admin/audit?resource_id={Uri.EscapeDataString(clientId)}&action={action}");
            if (events.Json.GetProperty("events").EnumerateArray().FirstOrDefault() is { ValueKind: JsonValueKind.Object } found)
                return found;
            Assert.True(DateTime.UtcNow < deadline, $"no {action} row for {clientId} within 30 s");
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>A client registered by itself through RFC 7591: its id, token and the response.</summary>
    public async Task<(string Id, string Token, JsonElement Json)> RegisterAsync()
    {
        var response = await platform.Registration.PostAsync("/register",
            new StringContent("""{"redirect_uris":["https://self.example.org/cb"],"client_name":"Self"}""", Encoding.UTF8, "application/json"), Ct);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        return (json.GetProperty("client_id").GetString()!, json.GetProperty("registration_access_token").GetString()!, json);
    }

    public async Task<Answer> SelfAsync(HttpMethod method, string clientId, string token, string? json = null)
    {
        using var request = new HttpRequestMessage(method, $"/register/{clientId}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (json is not null)
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        var response = await platform.Registration.SendAsync(request, Ct);
        return new Answer(response.StatusCode, response, await response.Content.ReadAsStringAsync(Ct));
    }
}

internal sealed record Answer(HttpStatusCode Status, HttpResponseMessage Response, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string? Error => Json.TryGetProperty("error", out var e) ? e.GetString() : null;

    public string? MediaType => Response.Content.Headers.ContentType?.MediaType;
}
