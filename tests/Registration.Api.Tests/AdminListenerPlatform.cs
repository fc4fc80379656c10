using Aspire.Hosting.Testing;
using ClientPlatform.AppHost;
using ClientPlatform.Testing;

namespace ClientPlatform.Registration.Api.Tests;

/// <summary>
/// The platform with the gateway's admin traffic on a listener of its own (<c>--gateway-admin-port</c>), as a
/// deployment runs it, admin API keys accepted at /register/{id}, and a configured public base URL (issue 31, items 4 and 8).
/// </summary>
public sealed class AdminListenerPlatform() : PlatformFixture(new Dictionary<string, string?>
{
    [AppHostSettings.ServiceSetting("RateLimits:Enabled")] = "false",
    [AppHostSettings.ServiceSetting("Registration:AcceptAdminCredentials")] = "true",
    [$"{AppHostSettings.Section}:GatewayAdminPort"] = "0",
    [AppHostSettings.ServiceSetting("Registration:PublicBaseUrl")] = PublicBaseUrl,
})
{
    /// <summary>Where clients reach this deployment, as its operator configured it.</summary>
    public const string PublicBaseUrl = "https://auth.example.test";

    /// <summary>The gateway's admin listener.</summary>
    public HttpClient AdminListener { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        AdminListener = App.CreateHttpClient(ServiceDefaults.ResourceNames.Gateway, AppHostSettings.GatewayAdminEndpoint);
    }

    public override async ValueTask DisposeAsync()
    {
        AdminListener?.Dispose();
        await base.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class AdminListenerCollection : ICollectionFixture<AdminListenerPlatform>
{
    public const string Name = "admin listener";
}
