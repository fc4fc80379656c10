using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ClientPlatform.ServiceDefaults;

namespace ClientPlatform.ScaleOut.Tests;

/// <summary>The calls these tests make: through the gateway, or straight to one registration replica.</summary>
internal sealed class Calls(ScaleOutPlatform platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public string AdminSecret => platform.AdminSecret;

    /// <summary>A documentation-range address (RFC 5737) of this test's own, so no two tests share a rate-limit partition.</summary>
    public static string NewAddress() => $"198.51.{RandomNumberGenerator.GetInt32(0, 256)}.{RandomNumberGenerator.GetInt32(1, 255)}";

    public HttpClient Replica(int index) => platform.ReplicaClient(ResourceNames.RegistrationApi, index);

    public async Task<Reply> RegisterAsync(HttpClient? via = null, string? address = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/register")
        {
            Content = new StringContent("""{"redirect_uris":["https://scale.example.org/cb"],"client_name":"Scale"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Forwarded-For", address ?? NewAddress());
        return await SendAsync(via ?? platform.Gateway, request);
    }

    public async Task<(string Id, string Token)> RegisteredAsync()
    {
        var reply = await RegisterAsync();
        Assert.Equal(HttpStatusCode.Created, reply.Status);
        return (reply.Json.GetProperty("client_id").GetString()!, reply.Json.GetProperty("registration_access_token").GetString()!);
    }

    /// <summary>
    /// RFC 7592 calls. Each comes from an address of its own unless one is given: a test that presents refused
    /// tokens on purpose must not use up the failed-credential limit of the next test's address.
    /// </summary>
    public Task<Reply> SelfAsync(HttpClient via, HttpMethod method, string clientId, string token, string? json = null, string? address = null) =>
        SendAsync(via, Request(method, $"/register/{clientId}", token, json, address));

    public Task<Reply> AdminAsync(HttpMethod method, string path, string? json = null, string? token = null, string? address = null) =>
        SendAsync(platform.Gateway, Request(method, path, token ?? AdminSecret, json, address));

    private static HttpRequestMessage Request(HttpMethod method, string path, string token, string? json, string? address)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-Forwarded-For", address ?? NewAddress());
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (json is not null)
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        return request;
    }

    private static async Task<Reply> SendAsync(HttpClient via, HttpRequestMessage request)
    {
        using (request)
        {
            var response = await via.SendAsync(request, Ct);
            return new Reply(response.StatusCode, response, await response.Content.ReadAsStringAsync(Ct));
        }
    }
}

internal sealed record Reply(HttpStatusCode Status, HttpResponseMessage Response, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string? Error => Json.TryGetProperty("error", out var e) ? e.GetString() : null;
}
