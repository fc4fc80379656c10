using Aspire.Hosting.Testing;
using ClientPlatform.AppHost;
using ClientPlatform.Testing;

namespace ClientPlatform.Registration.Api.Tests;

/// <summary>
/// The platform as a closed deployment runs it (issue 12): registration only with an initial access token,
/// software statements verified when present (their issuers' jwks_uri may be on loopback, where the tests serve
/// one), a rotated secret kept for <see cref="GracePeriod"/>, a proxy in the environment that fetches must not use,
/// and the test document server's certificate trusted. Its gateway has the admin traffic on a listener of its own
/// (<c>--gateway-admin-port</c>), admin API keys are accepted at /register/{id}, and a public base URL is configured
/// (issue 31, items 4 and 8). One platform for all of these: each start costs about 30 s of the test run (issue 33).
/// </summary>
public sealed class ClosedRegistrationPlatform() : PlatformFixture(new Dictionary<string, string?>
{
    [AppHostSettings.ServiceSetting("RateLimits:Enabled")] = "false",
    [AppHostSettings.ServiceSetting("Registration:Mode")] = "token",
    [AppHostSettings.ServiceSetting("OutboundFetch:AllowPrivateAddresses")] = "true",
    [AppHostSettings.ServiceSetting("SecretRotation:GracePeriod")] = "00:00:03",
    // A proxy nobody runs, as an operator's environment may name one: fetches of URLs a caller named must go straight
    // to the URL's address, checked, never through it (issue 31).
    [AppHostSettings.ServiceSetting("HTTP_PROXY")] = "http://127.0.0.1:9",
    [AppHostSettings.ServiceSetting("HTTPS_PROXY")] = "http://127.0.0.1:9",
    // The services trust the test document server's certificate (sector_identifier_uri documents over https).
    [AppHostSettings.ServiceSetting("SSL_CERT_FILE")] = TestDocumentServer.CertificateFile,
    [AppHostSettings.ServiceSetting("Registration:AcceptAdminCredentials")] = "true",
    [$"{AppHostSettings.Section}:GatewayAdminPort"] = "0",
    [AppHostSettings.ServiceSetting("Registration:PublicBaseUrl")] = PublicBaseUrl,
})
{
    public static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(3);

    /// <summary>Where clients reach this deployment, as its operator configured it.</summary>
    public const string PublicBaseUrl = "https://auth.example.test";

    /// <summary>The gateway's admin listener: the admin API answers there only.</summary>
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
public sealed class ClosedRegistrationCollection : ICollectionFixture<ClosedRegistrationPlatform>
{
    public const string Name = "closed registration";
}
