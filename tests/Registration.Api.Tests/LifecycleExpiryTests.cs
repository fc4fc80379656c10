extern alias RegistrationApi;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ClientPlatform.Registration.Api.Tests;

/// <summary>
/// Issue 34: where a lifecycle rule applies, client_secret_expires_at tells the client when it goes if unused (RFC 7591
/// §3.2.1): at registration the rule's never-used time, after its own read the inactivity time from that read; with no
/// rule, 0 (the secret does not expire).
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class LifecycleExpiryTests(RegistrationApis platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WithARule_TheSecretsEndIsTheRulesTime_AtRegistrationAndAfterARead()
    {
        var registration = platform.Start<RegistrationApi::Program>(new Dictionary<string, string?>
        {
            ["Lifecycle:Sources:dynamic:NeverUsedFor"] = "1.00:00:00",
            ["Lifecycle:Sources:dynamic:InactiveFor"] = "7.00:00:00",
        });
        using var http = registration.CreateClient();

        var registered = await RegisterAsync(http);
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var read = await ReadAsync(http, registered);
        var after = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        Assert.Equal(registered.GetProperty("client_id_issued_at").GetInt64() + 86_400, registered.GetProperty("client_secret_expires_at").GetInt64());
        Assert.InRange(read.GetProperty("client_secret_expires_at").GetInt64(), before + 7 * 86_400, after + 7 * 86_400);
    }

    [Fact]
    public async Task WithoutARule_TheSecretDoesNotExpire()
    {
        var registered = await RegisterAsync(platform.Registration);
        var read = await ReadAsync(platform.Registration, registered);

        Assert.Equal((0, 0), (registered.GetProperty("client_secret_expires_at").GetInt64(), read.GetProperty("client_secret_expires_at").GetInt64()));
    }

    private static async Task<JsonElement> RegisterAsync(HttpClient http)
    {
        var response = await http.PostAsync("/register",
            new StringContent("""{"redirect_uris":["https://lifecycle.example.org/cb"]}""", Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
    }

    private static async Task<JsonElement> ReadAsync(HttpClient http, JsonElement registered)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/register/{registered.GetProperty("client_id").GetString()}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", registered.GetProperty("registration_access_token").GetString());
        var response = await http.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
    }
}
