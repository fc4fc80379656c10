extern alias RegistrationApi;
using System.Net;
using System.Text;
using ClientPlatform.ServiceDefaults;
using ClientPlatform.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ClientPlatform.Registration.Api.Tests;

/// <summary>
/// The registration API's settings as an operator meets them. Issue 31, item 8: registration_client_uri and Location
/// come from the configured public base URL, never from a Host or X-Forwarded-Host a caller forged; outside Development
/// the API does not start without it. A mode setting that names no mode stops it too, in one line.
/// </summary>
[Collection(ClosedRegistrationCollection.Name)]
public sealed class RegistrationSettingsTests(ClosedRegistrationPlatform platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Register_WithAForgedHostAndForwardedHost_TheUriIsTheConfiguredOne()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/register")
        {
            Content = new StringContent("""{"redirect_uris":["https://client.example.org/cb"]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Host = "evil.example";
        request.Headers.Add("X-Forwarded-Host", "evil.example");
        // The platform is closed: registration takes an initial access token.
        request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {await new ClosedApi(platform).AnyTokenAsync()}");

        var reply = await Reply.FromAsync(await platform.Gateway.SendAsync(request, Ct));

        Assert.Equal(HttpStatusCode.Created, reply.Status);
        var expected = $"{ClosedRegistrationPlatform.PublicBaseUrl}/register/{reply.String("client_id")}";
        Assert.Equal(expected, reply.String("registration_client_uri"));
        Assert.Equal(expected, reply.Response.Headers.Location?.ToString());
    }

    [Fact]
    public void OutsideDevelopment_WithoutAPublicBaseUrl_TheApiDoesNotStart_AndSaysWhyInOneLine()
    {
        using var registration = new InProcess(platform);

        var said = WhatTheFailedStartSaid(registration);

        Assert.Equal("error: invalid settings (RegistrationOptions): Registration:PublicBaseUrl is required outside Development " +
            "(e.g. https://auth.example.com): registration_client_uri is built on it, never on a Host header a caller can forge.", said);
    }

    [Theory]
    [InlineData("Registration:Mode", "closed")]
    [InlineData("Registration:SoftwareStatements", "sometimes")]
    public void WithASettingThatNamesNoMode_TheApiDoesNotStart_AndSaysWhichInOneLine(string setting, string value)
    {
        using var registration = new InProcess(platform, ("Registration:PublicBaseUrl", "https://auth.example.com"), (setting, value));

        var line = Assert.Single(WhatTheFailedStartSaid(registration).Split('\n'));
        Assert.StartsWith("error: invalid settings: ", line);
        Assert.Contains($"'{value}' at '{setting}'", line);
    }

    /// <summary>Starts the API, which must fail, and returns what it wrote to standard error.</summary>
    private static string WhatTheFailedStartSaid(InProcess registration)
    {
        var said = new StringWriter();
        var error = Console.Error;
        Console.SetError(said);
        try
        {
            Assert.ThrowsAny<Exception>(() => registration.CreateClient());
        }
        finally
        {
            Console.SetError(error);
        }
        return said.ToString().Trim();
    }

    private sealed class InProcess(PlatformFixture platform, params (string Key, string Value)[] settings) : WebApplicationFactory<RegistrationApi::Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            foreach (var (key, value) in settings)
                builder.UseSetting(key, value);
            foreach (var name in new[] { ResourceNames.ClientsDb, ResourceNames.Cache, ResourceNames.Messaging })
                builder.UseSetting($"ConnectionStrings:{name}", platform.ConnectionString(name));
        }
    }
}
