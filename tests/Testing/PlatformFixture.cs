using ClientPlatform.AppHost;
using ClientPlatform.Hosting;
using ClientPlatform.Hosting.Testing;
using ClientPlatform.ServiceDefaults;
using Xunit;

namespace ClientPlatform.Testing;

/// <summary>
/// The whole platform — PostgreSQL, Redis, RabbitMQ, both APIs with their replicas, the audit worker
/// and the gateway — started once from the AppHost's own model and shared by the tests that use it.
/// Its rate limits are off: these tests share one address and one admin credential. ScaleOut.Tests keeps them on.
/// </summary>
public class PlatformFixture : IAsyncLifetime
{
    private readonly IReadOnlyDictionary<string, string?> _settings;

    public PlatformFixture() : this(new Dictionary<string, string?> { [AppHostConfiguration.ServiceSetting("RateLimits:Enabled")] = "false" })
    {
    }

    /// <summary>A platform with these AppHost settings (see <see cref="ServiceSetting"/>).</summary>
    protected PlatformFixture(IReadOnlyDictionary<string, string?> settings) => _settings = settings;


    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    public DistributedApplication App { get; private set; } = null!;

    public int DashboardPort { get; } = FreeTcpPort.Next();

    public HttpClient Gateway { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var values = new Dictionary<string, string?>(_settings)
        {
            [$"{AppHostConfiguration.Section}:DashboardPort"] = DashboardPort.ToString(),
        };
        var builder = DistributedApplicationTestingBuilder.Create(ClientPlatformModel.Compose, values);
        App = builder.Build();
        using var timeout = new CancellationTokenSource(StartTimeout);
        await App.StartAsync(timeout.Token);
        await App.WaitForAllHealthyAsync(timeout.Token);
        Gateway = App.CreateHttpClient(ResourceNames.Gateway);
    }

    public async ValueTask DisposeAsync()
    {
        Gateway?.Dispose();
        if (App is not null)
            await App.DisposeAsync();
    }
}
