using System.Collections.Concurrent;
using System.Net.Http.Json;
using Aspire.Hosting.Testing;
using ClientPlatform.AppHost;
using ClientPlatform.Clients.Core.Audit;
using ClientPlatform.Clients.Core.Persistence;
using ClientPlatform.Clients.Infrastructure;
using ClientPlatform.Clients.Infrastructure.Audit;
using ClientPlatform.Clients.Infrastructure.Connections;
using ClientPlatform.ServiceDefaults;
using ClientPlatform.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ClientPlatform.Audit.Worker.Tests;

/// <summary>
/// The platform from the AppHost (PostgreSQL, RabbitMQ and the real Audit.Worker process among it), started
/// once; and in this process a host that stands in for an API replica: the audit trail it records through and
/// the outbox relay it runs. One registration replica is enough here: these tests make their changes in-process.
/// </summary>
public sealed class AuditPipelineFixture() : PlatformFixture(new Dictionary<string, string?>
{
    [$"{AppHostSettings.Section}:Replicas:RegistrationApi"] = "1",
    [AppHostSettings.ServiceSetting("RateLimits:Enabled")] = "false",
    // A checkpoint each second, so that the tests need not wait a minute for the one they check against.
    [AppHostSettings.ServiceSetting("AuditChain:CheckpointInterval")] = "00:00:01",
})
{
    public IHost Api { get; private set; } = null!;

    public CapturedLogs ApiLogs { get; } = new();

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        Api = await StartApiHostAsync(ApiLogs, timeout.Token);
    }

    /// <summary>Kills the worker's process outright (SIGKILL), as a crash would, and waits until the AppHost sees it stopped.</summary>
    public async Task KillWorkerAsync(CancellationToken cancellationToken)
    {
        Resource(ResourceNames.AuditWorker).Kill();
        await WaitForStoppedAsync(ResourceNames.AuditWorker, cancellationToken);
    }

    /// <summary>One more API replica in this process (its own relay), for the several-replicas tests.</summary>
    public async Task<IHost> StartApiHostAsync(CapturedLogs logs, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{ResourceNames.ClientsDb}"] = ConnectionString(ResourceNames.ClientsDb),
            [$"ConnectionStrings:{ResourceNames.Messaging}"] = ConnectionString(ResourceNames.Messaging),
        });
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Information);
        builder.AddClientsDatabase();
        builder.AddRabbitMQBroker(ResourceNames.Messaging);
        builder.AddAuditTrail();
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return host;
    }

    /// <summary>Registers <paramref name="count"/> clients, each with its audit event, one transaction each.</summary>
    public async Task<List<Guid>> MakeChangesAsync(
        int count, CancellationToken cancellationToken, IHost? api = null, ConcurrentQueue<Guid>? progress = null)
    {
        var ids = new List<Guid>(count);
        for (var i = 0; i < count; i++)
        {
            await using var scope = (api ?? Api).Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ClientsDbContext>();
            var trail = scope.ServiceProvider.GetRequiredService<IAuditTrail>();
            var client = TestClients.New();
            db.Clients.Add(client);
            var eventId = trail.Record(TestClients.Registered(client.ClientId)).EventId;
            await db.SaveChangesAsync(cancellationToken);
            ids.Add(eventId);
            progress?.Enqueue(eventId);
        }
        return ids;
    }

    public async Task<List<Guid>> WrittenAsync(IReadOnlyCollection<Guid> eventIds, CancellationToken cancellationToken)
    {
        await using var scope = Api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClientsDbContext>();
        return await db.AuditLog.Where(r => eventIds.Contains(r.EventId)).Select(r => r.EventId).ToListAsync(cancellationToken);
    }

    /// <summary>Waits until every one of <paramref name="eventIds"/> is in the audit log; returns what is there at the end.</summary>
    public async Task<List<Guid>> WaitForWrittenAsync(IReadOnlyCollection<Guid> eventIds, TimeSpan limit, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var written = await WrittenAsync(eventIds, cancellationToken);
            if (written.Distinct().Count() >= eventIds.Count || DateTime.UtcNow > deadline)
                return written;
            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>The audit worker's own verification (GET /audit/verify), with the key only it holds.</summary>
    public async Task<ChainVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        using var worker = App.CreateHttpClient(ResourceNames.AuditWorker);
        return (await worker.GetFromJsonAsync<ChainVerification>("/audit/verify", cancellationToken))!;
    }

    /// <summary>The chain's keys as the AppHost gave them to the worker: for a test that verifies in its own transaction.</summary>
    public async Task<AuditChainKeys> ChainKeysAsync(CancellationToken cancellationToken)
    {
        var key = (await ParameterValueAsync(AuditChainSettings.KeyParameter, cancellationToken))!;
        return new AuditChainOptions { Keys = { [AuditChainSettings.KeyId] = key }, CurrentKeyId = AuditChainSettings.KeyId }.ToKeys();
    }

    /// <summary>The newest checkpoint the worker wrote, once it covers <paramref name="seq"/> (the worker writes one a second here).</summary>
    public async Task<AuditCheckpoint> CheckpointCoveringAsync(long seq, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (AuditCheckpoint.Latest(AuditChainSettings.CheckpointFile(StateDirectory)) is { } latest && latest.Seq >= seq)
                return latest;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"no checkpoint covering seq {seq} within 30 s");
            await Task.Delay(200, cancellationToken);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (Api is not null)
        {
            await Api.StopAsync();
            Api.Dispose();
        }
        await base.DisposeAsync();
    }
}
