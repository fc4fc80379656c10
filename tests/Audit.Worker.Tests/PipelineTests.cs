using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using ClientPlatform.Clients.Core.Audit;
using ClientPlatform.Clients.Core.Persistence;
using ClientPlatform.Clients.Infrastructure.Audit;
using ClientPlatform.ServiceDefaults;
using ClientPlatform.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using RabbitMQ.Client;

namespace ClientPlatform.Audit.Worker.Tests;

/// <summary>No audit event is lost or written twice, whatever the broker or the worker is doing.</summary>
[Collection(AuditPipelineCollection.Name)]
public sealed class PipelineTests(AuditPipelineFixture pipeline)
{
    private static readonly TimeSpan Delivery = TimeSpan.FromSeconds(30);
    private const int Detached = 20;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Changes_AreWrittenToTheAuditLogOnce_AndTheChainVerifies()
    {
        var events = await pipeline.MakeChangesAsync(50, Ct);

        var written = await pipeline.WaitForWrittenAsync(events, Delivery, Ct);

        Assert.Equal(events.Order(), written.Order());
        var verification = await pipeline.VerifyAsync(Ct);
        Assert.True(verification.Valid, verification.Reason);
    }

    [Fact]
    public async Task BrokerStopped_500Changes_And20Reads_AllWrittenOnceWithin30sOfItsReturn_AndOneWarningLogged()
    {
        // Arrange
        var warningsBefore = RelayWarnings().Count;
        await pipeline.StopAsync(ResourceNames.Messaging, Ct);

        // Act: the changes do not wait for the broker.
        var clock = Stopwatch.StartNew();
        var events = await pipeline.MakeChangesAsync(500, Ct);
        var makingTook = clock.Elapsed;
        // And events without a change, which would go straight to the broker: they wait in the outbox too.
        await using (var scope = pipeline.Api.Services.CreateAsyncScope())
            for (var i = 0; i < Detached; i++)
                events.Add((await scope.ServiceProvider.GetRequiredService<IAuditTrail>().RecordNowAsync(TestClients.Read($"read-{i}"), Ct)).EventId);
        await Task.Delay(TimeSpan.FromSeconds(3), Ct); // the relay tries, and backs off, meanwhile
        await pipeline.StartAsync(ResourceNames.Messaging, Ct);
        var written = await pipeline.WaitForWrittenAsync(events, Delivery, Ct);

        // Assert
        Assert.True(makingTook < TimeSpan.FromSeconds(20), $"500 changes took {makingTook} with the broker away");
        Assert.Equal(500 + Detached, written.Count);
        Assert.Equal(events.Order(), written.Order());
        var warnings = RelayWarnings().Skip(warningsBefore).ToList();
        Assert.Single(warnings);
        Assert.False(warnings[0].HasException, "the outage is reported in one line, without a stack trace");
    }

    /// <summary>
    /// Issue 32: events already in the broker's queue, not yet consumed, survive the broker's restart (a durable queue,
    /// persistent messages, published with confirms), and are written once the worker is back.
    /// </summary>
    [Fact]
    public async Task WorkerStopped_200EventsQueued_BrokerRestarted_WorkerStarted_EveryEventWrittenOnce()
    {
        // Arrange: the worker away, so the events wait in the queue.
        await pipeline.StopAsync(ResourceNames.AuditWorker, Ct);
        var queuedBefore = await QueuedAsync();
        var events = await pipeline.MakeChangesAsync(200, Ct);
        var queued = 0u;
        Assert.True(await WaitUntilAsync(async () => (queued = await QueuedAsync()) >= queuedBefore + 200, Ct), $"{queued} queued");

        // Act
        await pipeline.StopAsync(ResourceNames.Messaging, Ct);
        await pipeline.StartAsync(ResourceNames.Messaging, Ct);
        var queuedAfterRestart = await QueuedAsync();
        await pipeline.StartAsync(ResourceNames.AuditWorker, Ct);
        var written = await pipeline.WaitForWrittenAsync(events, Delivery, Ct);

        // Assert
        Assert.True(queuedAfterRestart >= queuedBefore + 200, $"{queuedAfterRestart} queued after the restart, {queued} before it");
        Assert.Equal(events.Order(), written.Order());
        var verification = await pipeline.VerifyAsync(Ct);
        Assert.True(verification.Valid, verification.Reason);
    }

    [Fact]
    public async Task AuditQueues_AreQuorumQueues_DeadLetteringAtLeastOnce()
    {
        // Issue 32: declaring a queue that exists is refused (406) unless every argument is the same as the broker's.
        var factory = new ConnectionFactory { Uri = new Uri(pipeline.ConnectionString(ResourceNames.Messaging)) };
        await using var connection = await factory.CreateConnectionAsync(Ct);
        async Task<ushort> DeclareAsync(string queue, IReadOnlyDictionary<string, string> arguments)
        {
            await using var channel = await connection.CreateChannelAsync(cancellationToken: Ct);
            try
            {
                await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false,
                    arguments: arguments.ToDictionary(a => a.Key, a => (object?)a.Value), cancellationToken: Ct);
                return 200;
            }
            catch (RabbitMQ.Client.Exceptions.OperationInterruptedException e)
            {
                return e.ShutdownReason?.ReplyCode ?? 0;
            }
        }
        var asClassic = new Dictionary<string, string>(BrokerDefinitions.AuditQueueArguments) { ["x-queue-type"] = "classic" };

        Assert.Equal(["quorum", BrokerNames.AuditDeadLetterExchange, "at-least-once"],
            (string[])[BrokerDefinitions.AuditQueueArguments["x-queue-type"], BrokerDefinitions.AuditQueueArguments["x-dead-letter-exchange"],
                BrokerDefinitions.AuditQueueArguments["x-dead-letter-strategy"]]);
        Assert.Equal(200, await DeclareAsync(AuditTopology.Queue, BrokerDefinitions.AuditQueueArguments));
        Assert.Equal(406, await DeclareAsync(AuditTopology.Queue, asClassic));
        Assert.Equal(200, await DeclareAsync(AuditTopology.DeadLetterQueue, BrokerDefinitions.DeadLetterQueueArguments));
        Assert.Equal(406, await DeclareAsync(AuditTopology.DeadLetterQueue, new Dictionary<string, string> { ["x-queue-type"] = "classic" }));
    }

    /// <summary>How many messages wait in the audit queue (a passive declare, as the administrator).</summary>
    private async Task<uint> QueuedAsync()
    {
        var factory = new ConnectionFactory { Uri = new Uri(pipeline.ConnectionString(ResourceNames.Messaging)) };
        await using var connection = await factory.CreateConnectionAsync(Ct);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: Ct);
        return (await channel.QueueDeclarePassiveAsync(AuditTopology.Queue, Ct)).MessageCount;
    }

    [Fact]
    public async Task WorkerKilledWhileWriting_ThenRestarted_NoEventLostOrDuplicated()
    {
        // Arrange: a stream of events, and the worker killed as soon as it has started writing them.
        var progress = new ConcurrentQueue<Guid>();
        var making = pipeline.MakeChangesAsync(2000, Ct, progress: progress);
        Assert.True(await WaitUntilAsync(async () => (await pipeline.WrittenAsync(progress.ToArray(), Ct)).Count > 0, Ct));

        // Act
        await pipeline.KillWorkerAsync(Ct);
        var events = await making;
        await pipeline.StartAsync(ResourceNames.AuditWorker, Ct);
        var written = await pipeline.WaitForWrittenAsync(events, Delivery, Ct);

        // Assert
        Assert.Equal(events.Count, written.Count);
        Assert.Equal(events.Order(), written.Order());
        var verification = await pipeline.VerifyAsync(Ct);
        Assert.True(verification.Valid, verification.Reason);
    }

    [Fact]
    public async Task EventsWithTextPostgreSqlCannotHold_AreWrittenWithItReplaced_AndTheChainVerifies()
    {
        // Arrange: an id cut at its limit in the middle of a surrogate pair, and one with a NUL in it.
        var cutInPair = new string('a', AuditLimits.IdMaxLength - 1) + "\U0001F600";
        var withNul = $"nul-{Guid.NewGuid():N}\0end";

        // Act
        var events = new List<Guid>();
        await using (var scope = pipeline.Api.Services.CreateAsyncScope())
            foreach (var id in new[] { cutInPair, withNul })
                events.Add((await scope.ServiceProvider.GetRequiredService<IAuditTrail>().RecordNowAsync(TestClients.Read(id), Ct)).EventId);
        var written = await pipeline.WaitForWrittenAsync(events, Delivery, Ct);

        // Assert
        Assert.Equal(events.Order(), written.Order());
        await using var connection = new NpgsqlConnection(pipeline.ConnectionString(ResourceNames.ClientsDb));
        await connection.OpenAsync(Ct);
        await using var query = new NpgsqlCommand("SELECT resource_id FROM audit_log WHERE event_id = ANY(@ids) ORDER BY seq", connection);
        query.Parameters.AddWithValue("ids", events.ToArray());
        var stored = new List<string>();
        await using (var reader = await query.ExecuteReaderAsync(Ct))
            while (await reader.ReadAsync(Ct))
                stored.Add(reader.GetString(0));
        Assert.Equal([new string('a', AuditLimits.IdMaxLength - 1), withNul.Replace('\0', '\uFFFD')], stored);
        var verification = await pipeline.VerifyAsync(Ct);
        Assert.True(verification.Valid, verification.Reason);
    }

    [Fact]
    public async Task PoisonMessage_IsDeadLettered_AndTheEventsBehindItAreWritten()
    {
        // Arrange
        var factory = new ConnectionFactory { Uri = new Uri(pipeline.ConnectionString(ResourceNames.Messaging)) };
        await using var connection = await factory.CreateConnectionAsync(Ct);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: Ct);
        var deadBefore = (await channel.QueueDeclarePassiveAsync(AuditTopology.DeadLetterQueue, Ct)).MessageCount;

        // Act: garbage first, then real events behind it.
        await channel.BasicPublishAsync(AuditTopology.Exchange, AuditTopology.RoutingKey, mandatory: true,
            new BasicProperties { DeliveryMode = DeliveryModes.Persistent }, Encoding.UTF8.GetBytes("{\"not\":\"an audit event\""), Ct);
        var events = await pipeline.MakeChangesAsync(20, Ct);
        var written = await pipeline.WaitForWrittenAsync(events, Delivery, Ct);

        // Assert
        Assert.Equal(events.Order(), written.Order());
        uint deadAfter = 0;
        await WaitUntilAsync(async () => (deadAfter = (await channel.QueueDeclarePassiveAsync(AuditTopology.DeadLetterQueue, Ct)).MessageCount) > deadBefore, Ct);
        Assert.Equal(deadBefore + 1, deadAfter);
    }

    [Fact]
    public async Task ManyReads_GoAsBatchMessages_EachEventWrittenOnce_AndABadBatchIsDeadLetteredWhole()
    {
        // Arrange
        var factory = new ConnectionFactory { Uri = new Uri(pipeline.ConnectionString(ResourceNames.Messaging)) };
        await using var connection = await factory.CreateConnectionAsync(Ct);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: Ct);
        var deadBefore = (await channel.QueueDeclarePassiveAsync(AuditTopology.DeadLetterQueue, Ct)).MessageCount;

        // Act: 300 reads recorded at once (the detached publisher batches them), and a batch with one bad event.
        var reads = new List<Guid>();
        await using (var scope = pipeline.Api.Services.CreateAsyncScope())
        {
            var trail = scope.ServiceProvider.GetRequiredService<IAuditTrail>();
            for (var i = 0; i < 300; i++)
                reads.Add((await trail.RecordNowAsync(TestClients.Read($"batched-{i % 7}"), Ct)).EventId);
        }
        await channel.BasicPublishAsync(AuditTopology.Exchange, AuditTopology.RoutingKey, mandatory: true,
            new BasicProperties { DeliveryMode = DeliveryModes.Persistent, Type = AuditTopology.BatchType },
            Encoding.UTF8.GetBytes("[{\"version\":1,\"event_id\":\"00000000-0000-0000-0000-000000000000\"}]"), Ct);
        var written = await pipeline.WaitForWrittenAsync(reads, Delivery, Ct);

        // Assert
        Assert.Equal(reads.Order(), written.Order());
        uint deadAfter = 0;
        await WaitUntilAsync(async () => (deadAfter = (await channel.QueueDeclarePassiveAsync(AuditTopology.DeadLetterQueue, Ct)).MessageCount) > deadBefore, Ct);
        Assert.Equal(deadBefore + 1, deadAfter);
        var verification = await pipeline.VerifyAsync(Ct);
        Assert.True(verification.Valid, verification.Reason);
    }

    [Fact]
    public async Task TwoApiReplicas_EachWithARelay_EventsOfOneResourceKeepTheirOrder()
    {
        // Arrange: a second API replica, whose relay competes with the first.
        using var second = await pipeline.StartApiHostAsync(new CapturedLogs(), Ct);
        var clientId = $"ordered-{Guid.NewGuid():N}";
        var events = new List<Guid>();

        // Act: one resource's events, written alternately through both replicas.
        for (var i = 0; i < 100; i++)
        {
            var api = i % 2 == 0 ? pipeline.Api : second;
            await using var scope = api.Services.CreateAsyncScope();
            var trail = scope.ServiceProvider.GetRequiredService<IAuditTrail>();
            var db = scope.ServiceProvider.GetRequiredService<ClientsDbContext>();
            events.Add(trail.Record(TestClients.Read(clientId)).EventId); // through each replica's outbox
            await db.SaveChangesAsync(Ct);
        }
        await pipeline.WaitForWrittenAsync(events, Delivery, Ct);
        await second.StopAsync(Ct);

        // Assert: the log holds them once each, in the order they were recorded.
        await using var connection = new NpgsqlConnection(pipeline.ConnectionString(ResourceNames.ClientsDb));
        await connection.OpenAsync(Ct);
        await using var query = new NpgsqlCommand("SELECT event_id FROM audit_log WHERE resource_id = @id ORDER BY seq", connection);
        query.Parameters.AddWithValue("id", clientId);
        var inLog = new List<Guid>();
        await using (var reader = await query.ExecuteReaderAsync(Ct))
            while (await reader.ReadAsync(Ct))
                inLog.Add(reader.GetGuid(0));
        Assert.Equal(events, inLog);
    }

    private List<(string Category, LogLevel Level, string Message, bool HasException)> RelayWarnings() =>
        pipeline.ApiLogs.Entries.Where(e => e.Category.EndsWith("OutboxRelay") && e.Level >= LogLevel.Warning).ToList();

    private static async Task<bool> WaitUntilAsync(Func<Task<bool>> condition, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + Delivery;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
                return true;
            await Task.Delay(50, cancellationToken);
        }
        return false;
    }
}
