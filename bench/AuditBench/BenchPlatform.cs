using ClientPlatform.AppHost;
using ClientPlatform.Clients.Core;
using ClientPlatform.Clients.Core.Audit;
using ClientPlatform.Hosting;
using ClientPlatform.Hosting.Testing;
using ClientPlatform.ServiceDefaults;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ClientPlatform.Bench.Audit;

/// <summary>The platform from the AppHost's own model, plus an in-process API host that makes the changes.</summary>
internal sealed class BenchPlatform : IAsyncDisposable
{
    private BenchPlatform(DistributedApplication app, IHost api)
    {
        App = app;
        Api = api;
    }

    public DistributedApplication App { get; }

    public IHost Api { get; }

    public static async Task<BenchPlatform> StartAsync()
    {
        var app = DistributedApplicationTestingBuilder.Create(ClientPlatformModel.Compose).Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await app.StartAsync(timeout.Token);
        await app.WaitForAllHealthyAsync(timeout.Token);

        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{ResourceNames.ClientsDb}"] = app.GetConnectionString(ResourceNames.ClientsDb),
            [$"ConnectionStrings:{ResourceNames.Messaging}"] = app.GetConnectionString(ResourceNames.Messaging),
        });
        builder.Logging.ClearProviders();
        builder.AddClientsCore();
        builder.AddRabbitMQClient(ResourceNames.Messaging);
        builder.AddAuditTrail();
        var api = builder.Build();
        await api.StartAsync(timeout.Token);
        return new BenchPlatform(app, api);
    }

    public async ValueTask DisposeAsync()
    {
        await Api.StopAsync();
        Api.Dispose();
        await App.DisposeAsync();
    }
}
