extern alias RegistrationApi;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ClientPlatform.ServiceDefaults;
using ClientPlatform.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Hosting;

namespace ClientPlatform.Registration.Api.Tests;

/// <summary>
/// Issue 31, item 4: outside Development the registration API accepts no admin credential at /register/{id} unless
/// Registration:AcceptAdminCredentials says so. The API runs in this process here, over the platform's servers, once
/// as each environment; the client and the key are made through the fixture's APIs.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class AdminCredentialsDefaultTests(RegistrationApis platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("Production", null, HttpStatusCode.Unauthorized)]
    [InlineData("Staging", null, HttpStatusCode.Unauthorized)]
    [InlineData("Production", "true", HttpStatusCode.OK)]
    [InlineData("Development", null, HttpStatusCode.OK)]
    [InlineData("Development", "false", HttpStatusCode.Unauthorized)]
    public async Task ClientAdminKey_AtRegister_AcceptedOnlyInDevelopmentOrWhenTurnedOn(string environment, string? setting, HttpStatusCode expected)
    {
        var api = new Api(platform);
        var client = await api.RegisteredAsync();
        var key = await ClientAdminKeyAsync();
        await using var registration = new InProcess(platform, environment, setting);
        using var http = registration.CreateClient();

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/register/{client.Id}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await http.SendAsync(request, Ct);

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("Production", HttpStatusCode.Unauthorized)] // just another client id, whose token it asks for
    [InlineData("Development", HttpStatusCode.OK)]
    public async Task Instance_IsServedInDevelopmentOnly(string environment, HttpStatusCode expected)
    {
        // Issue 31, item 8: which replica answered, its process id and address, are nobody's business in production.
        await using var registration = new InProcess(platform, environment, null);
        using var http = registration.CreateClient();

        using var response = await http.GetAsync("/register/_instance", Ct);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(expected == HttpStatusCode.OK, (await response.Content.ReadAsStringAsync(Ct)).Contains("\"pid\"", StringComparison.OrdinalIgnoreCase));
    }

    private async Task<string> ClientAdminKeyAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/keys")
        {
            Content = new StringContent("""{"name":"default","scopes":["client:admin"]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", platform.AdminSecret);
        var reply = await Reply.FromAsync(await platform.Admin.SendAsync(request, Ct));
        Assert.Equal(HttpStatusCode.Created, reply.Status);
        return reply.String("key")!;
    }

    private sealed class InProcess(ServersFixture platform, string environment, string? acceptAdminCredentials)
        : WebApplicationFactory<RegistrationApi::Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment(environment);
            foreach (var name in new[] { ResourceNames.ClientsDb, ResourceNames.Cache, ResourceNames.Messaging })
                builder.UseSetting($"ConnectionStrings:{name}", platform.ConnectionString(name));
            builder.UseSetting("RateLimits:Enabled", "false");
            builder.UseSetting("Registration:PublicBaseUrl", "https://auth.example.test");
            if (acceptAdminCredentials is not null)
                builder.UseSetting("Registration:AcceptAdminCredentials", acceptAdminCredentials);
        }
    }
}
