using ClientPlatform.Testing;
using static ClientPlatform.AppHost.AppHostSettings;

namespace ClientPlatform.ScaleOut.Tests;

/// <summary>
/// The platform with its rate limits on: the registration API at 3 replicas, the admin API at 1, one Redis.
/// POST /register allows 10 per minute per address; the gateway trusts X-Forwarded-For from loopback (as from
/// a load balancer), so each test speaks from addresses of its own. The per-client limit is 1,000 a minute and the
/// per-credential read and update limits are raised, because the consistency tests make hundreds of those calls on purpose.
/// </summary>
public sealed class ScaleOutPlatform() : PlatformFixture(new Dictionary<string, string?>
{
    [ServiceSetting("RateLimits:Policies:register:PermitLimit")] = RegisterLimit.ToString(),
    [ServiceSetting("RateLimits:Policies:manage:PermitLimit")] = ManageLimit.ToString(),
    [ServiceSetting("RateLimits:Policies:admin-get:PermitLimit")] = "100000",
    [ServiceSetting("RateLimits:Policies:admin-update:PermitLimit")] = "100000",
    [ServiceSetting("RateLimits:Policies:admin-other:PermitLimit")] = "100000",
    [ServiceSetting("Gateway:TrustedProxies:0")] = "127.0.0.1",
    [ServiceSetting("RateLimits:Policies:failed-credentials:PermitLimit")] = FailedCredentialLimit.ToString(),
    // One BCrypt check at a time and one waiting, per process: what a flood of verify-secret then gets (SecretCheckTests).
    [ServiceSetting("SecretChecks:MaxConcurrent")] = "1",
    [ServiceSetting("SecretChecks:MaxQueued")] = "1",
})
{
    /// <summary>Every answer counted as sent: a retried read would take a second rate-limit permit.</summary>
    protected override bool ClientsRetry => false;

    /// <summary>Failed credentials per address per minute (the default, written out so that the tests read it).</summary>
    public const int FailedCredentialLimit = 20;

    public const int RegisterLimit = 10;

    /// <summary>Reads and updates per client per minute: above what one consistency test makes of one client (about 500).</summary>
    public const int ManageLimit = 1000;
}

[CollectionDefinition(Name)]
public sealed class ScaleOutCollection : ICollectionFixture<ScaleOutPlatform>
{
    public const string Name = "scale-out";
}
