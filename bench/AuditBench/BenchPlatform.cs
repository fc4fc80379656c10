using ClientPlatform.Clients.Infrastructure;
using ClientPlatform.Clients.Infrastructure.Audit;
using ClientPlatform.Clients.Infrastructure.Connections;
using ClientPlatform.ServiceDefaults;
using ClientPlatform.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ClientPlatform.Bench.Audit;

/// <summary>The platform from the AppHost, plus an in-process API host that makes the changes.</summary>
internal sealed class BenchPlatform : IAsyncDisposable
{
    private BenchPlatform(PlatformFixture platform, IHost api)
    {
        Platform = platform;
        Api = api;
    }

    public PlatformFixture Platform { get; }

    public IHost Api { get; }

    public static async Task<BenchPlatform> StartAsync()
    {
        var platform = await PlatformUnderLoad.StartAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{ResourceNames.ClientsDb}"] = platform.ConnectionString(ResourceNames.ClientsDb),
            [$"ConnectionStrings:{ResourceNames.Messaging}"] = platform.ConnectionString(ResourceNames.Messaging),
        });
        builder.Logging.ClearProviders();
        builder.AddClientsDatabase();
        builder.AddRabbitMQBroker(ResourceNames.Messaging);
        builder.AddAuditTrail();
        var api = builder.Build();
        await api.StartAsync(timeout.Token);
        return new BenchPlatform(platform, api);
    }

    public async ValueTask DisposeAsync()
    {
        await Api.StopAsync();
        Api.Dispose();
        await Platform.DisposeAsync();
    }
}
