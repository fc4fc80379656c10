using ClientPlatform.AppHost;
using ClientPlatform.Testing;

namespace ClientPlatform.Registration.Api.Tests;

/// <summary>
/// The platform as a closed deployment runs it (issue 12): registration only with an initial access token,
/// software statements verified when present (their issuers' jwks_uri may be on loopback, where the tests serve
/// one), and a rotated secret kept for <see cref="GracePeriod"/>.
/// </summary>
public sealed class ClosedRegistrationPlatform() : PlatformFixture(new Dictionary<string, string?>
{
    [AppHostSettings.ServiceSetting("RateLimits:Enabled")] = "false",
    [AppHostSettings.ServiceSetting("Registration:Mode")] = "token",
    [AppHostSettings.ServiceSetting("Registration:AllowPrivateJwksAddresses")] = "true",
    [AppHostSettings.ServiceSetting("SecretRotation:GracePeriod")] = "00:00:03",
})
{
    public static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(3);
}

[CollectionDefinition(Name)]
public sealed class ClosedRegistrationCollection : ICollectionFixture<ClosedRegistrationPlatform>
{
    public const string Name = "closed registration";
}
