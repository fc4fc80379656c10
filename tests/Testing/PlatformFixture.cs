namespace ClientPlatform.Testing;

/// <summary>
/// The whole platform — PostgreSQL, Redis, RabbitMQ, the migrator, both APIs with their replicas, the audit worker and
/// the gateway — as the AppHost starts it: for the tests whose subject is the platform itself (routing, replicas,
/// outages, scale-out, the console, end to end).
/// </summary>
public class PlatformFixture : ServersFixture
{
    public PlatformFixture()
    {
    }

    /// <summary>A platform with these AppHost settings (see <see cref="AppHost.AppHostSettings.ServiceSetting"/>).</summary>
    protected PlatformFixture(IReadOnlyDictionary<string, string?> settings) : base(settings)
    {
    }

    protected override IReadOnlyCollection<string>? KeptProjects => null;
}
