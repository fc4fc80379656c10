using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClientPlatform.Console.Tests;

/// <summary>A client registered as applications do (RFC 7591): its id, registration access token and secret.</summary>
internal sealed record Registered(string Id, string Token, string? Secret);

/// <summary>
/// What the console tests do beside the page: sign in and open a client in it, and call the APIs through the gateway as
/// an application, an administrator or an authorization server would, to see what the console's actions did.
/// </summary>
internal sealed class ConsoleSteps(ConsoleBrowser platform)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static async Task SignInAsync(IPage page, string key, bool navigate = true)
    {
        if (navigate)
            await page.GotoAsync("/admin/console");
        await page.GetByLabel("Admin API key").FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Clients", Level = 2 })).ToBeVisibleAsync();
    }

    /// <summary>Finds a client by its name in the list and opens its page.</summary>
    public static async Task OpenClientAsync(IPage page, string name)
    {
        await page.GetByLabel("Search by name or client id").FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
    }

    /// <summary>A client registered as applications do (RFC 7591), with its registration access token.</summary>
    public async Task<Registered> RegisterAsync(string name)
    {
        using var response = await platform.Gateway.PostAsJsonAsync("/register", new { client_name = name, redirect_uris = new[] { "https://console.example.com/cb" } }, Cancel);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        return new(body.GetProperty("client_id").GetString()!, body.GetProperty("registration_access_token").GetString()!,
            body.TryGetProperty("client_secret", out var secret) ? secret.GetString() : null);
    }

    /// <summary>The client's own RFC 7592 update, with its token.</summary>
    public async Task<HttpResponseMessage> SelfUpdateAsync(Registered client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/register/{client.Id}")
        {
            Content = JsonContent.Create(new { client_id = client.Id, redirect_uris = new[] { "https://console.example.com/cb" }, client_name = "self" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", client.Token);
        return await platform.Gateway.SendAsync(request, Cancel);
    }

    public async Task<HttpResponseMessage> AdminAsync(HttpMethod method, string path, object? body = null, string? credential = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential ?? platform.AdminSecret);
        return await platform.Gateway.SendAsync(request, Cancel);
    }

    /// <summary>What an authorization server asks of the admin API: is this the client's secret?</summary>
    public async Task<bool> VerifiesAsync(string clientId, string secret)
    {
        using var response = await AdminAsync(HttpMethod.Post, $"/admin/clients/{clientId}/verify-secret", new { client_secret = secret });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("valid").GetBoolean();
    }

    /// <summary>What the admin API itself answers to this change (a refusal, so nothing changes).</summary>
    public async Task<string> AdminProblemAsync(string clientId, object change)
    {
        using var response = await AdminAsync(HttpMethod.Put, $"/admin/clients/{clientId}", change);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("detail").GetString()!;
    }

    /// <summary>Whether the audit log holds an event of <paramref name="action"/> about the resource.</summary>
    public async Task<bool> AuditHasAsync(string resourceId, string action)
    {
        using var response = await AdminAsync(HttpMethod.Get, $"/admin/audit?resource_id={Uri.EscapeDataString(resourceId)}&action={action}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("events").GetArrayLength() > 0;
    }

    public async Task<string> CreateKeyAsync(string name, params string[] scopes)
    {
        using var response = await AdminAsync(HttpMethod.Post, "/admin/keys", new { name, scopes });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("key").GetString()!;
    }

    /// <summary>A new P-256 public key as a JWK (RFC 7517, RFC 7518 §6.2.1).</summary>
    public static object PublicJwk(string kid)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var p = key.ExportParameters(includePrivateParameters: false);
        return new { kty = "EC", crv = "P-256", kid, use = "sig", alg = "ES256", x = Base64Url(p.Q.X!), y = Base64Url(p.Q.Y!) };
    }

    /// <summary>base64url without padding (RFC 7515 §2), as JWK members are written.</summary>
    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
