using ClientPlatform.AppHost;
using ClientPlatform.Testing;

namespace ClientPlatform.Registration.Api.Tests;

/// <summary>
/// The platform as a closed deployment runs it (issue 12): registration only with an initial access token,
/// software statements verified when present (their issuers' jwks_uri may be on loopback, where the tests serve
/// one), a rotated secret kept for <see cref="GracePeriod"/>, a proxy in the environment that fetches must not use,
/// and the test document server's certificate trusted.
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
})
{
    public static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(3);
}

[CollectionDefinition(Name)]
public sealed class ClosedRegistrationCollection : ICollectionFixture<ClosedRegistrationPlatform>
{
    public const string Name = "closed registration";
}
