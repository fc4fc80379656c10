using System.Diagnostics.Metrics;
using System.Threading.Channels;
using ClientPlatform.Clients.Infrastructure.Audit;
using ClientPlatform.Clients.Infrastructure.Connections;
using Microsoft.Extensions.Options;
using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace ClientPlatform.Audit.Worker;

/// <summary>
/// Consumes the audit queue with manual acknowledgement and writes the events in batches. A message is
/// acknowledged only after its row is committed, so a crash loses nothing (the broker redelivers) and a
/// redelivery writes nothing new (the writer skips known event ids). An unreadable message is rejected
/// into the dead-letter queue at once, so it never blocks the events behind it.
/// </summary>
internal sealed class AuditConsumer(
    BrokerConnection broker, AuditLogWriter writer, IOptions<AuditWorkerOptions> options,
    ILogger<AuditConsumer> logger, IMeterFactory meters) : BackgroundService
{
    public const string MeterName = "ClientPlatform.Audit.Worker";

    private readonly AuditWorkerOptions _options = options.Value;
    private readonly Counter<long> _written = meters.Create(MeterName).CreateCounter<long>("audit.events.written");
    private readonly Counter<long> _duplicates = meters.Create(MeterName).CreateCounter<long>("audit.events.duplicates");
    private readonly Counter<long> _deadLettered = meters.Create(MeterName).CreateCounter<long>("audit.events.dead_lettered");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromMilliseconds(500);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ConsumeAsync(stoppingToken);
            }
            catch (Exception e) when (e is BrokerUnreachableException or AlreadyClosedException or OperationInterruptedException
                                       or IOException or System.Net.Sockets.SocketException && !stoppingToken.IsCancellationRequested)
            {
                Log.BrokerUnavailable(logger, e.GetType().Name, backoff.TotalSeconds);
                await Task.Delay(backoff, stoppingToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.MaxBackoff.Ticks));
            }
        }
    }

    private async Task ConsumeAsync(CancellationToken stoppingToken)
    {
        // The client's automatic recovery re-opens this channel and its consumer after a broker restart,
        // and ignores acknowledgements of deliveries made before it (they are redelivered instead).
        var connection = await broker.GetAsync(stoppingToken);
        var channel = await AuditTopology.OpenChannelAsync(connection, options: null, stoppingToken);
        try
        {
            await channel.BasicQosAsync(0, _options.Prefetch, global: false, stoppingToken);

            var deliveries = Channel.CreateUnbounded<Delivery>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
            var consumer = new AsyncEventingBasicConsumer(channel);
            consumer.ReceivedAsync += (_, message) =>
                deliveries.Writer.WriteAsync(AuditMessageReader.Read(message.DeliveryTag, message.Body, message.BasicProperties.Type), stoppingToken).AsTask();
            await channel.BasicConsumeAsync(AuditTopology.Queue, autoAck: false, consumer, stoppingToken);
            Log.Consuming(logger, AuditTopology.Queue);

            await WriteBatchesAsync(channel, deliveries.Reader, stoppingToken);
        }
        finally
        {
            // Unacknowledged deliveries go back to the queue with the channel, however the broker answers.
            await BrokerConnection.CloseAsync(channel);
        }
    }

    private async Task WriteBatchesAsync(IChannel channel, ChannelReader<Delivery> deliveries, CancellationToken stoppingToken)
    {
        var batch = new List<Delivery>(_options.BatchSize);
        while (await deliveries.WaitToReadAsync(stoppingToken))
        {
            batch.Clear();
            using (var window = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
            {
                window.CancelAfter(_options.BatchWindow);
                try
                {
                    while (batch.Count < _options.BatchSize && await deliveries.WaitToReadAsync(window.Token))
                        while (batch.Count < _options.BatchSize && deliveries.TryRead(out var delivery))
                            batch.Add(delivery);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    // the window closed: write what has come
                }
            }

            foreach (var poison in batch.Where(d => d.Unreadable is not null))
            {
                await channel.BasicNackAsync(poison.Tag, multiple: false, requeue: false, stoppingToken);
                _deadLettered.Add(1);
                Log.DeadLettered(logger, poison.Unreadable!);
            }
            var events = batch.Where(d => d.Unreadable is null).ToList();
            if (events.Count == 0)
                continue;
            int written;
            var started = DateTimeOffset.UtcNow;
            try
            {
                var all = events.SelectMany(d => d.Events).ToList();
                written = await WriteUntilCommittedAsync(all, stoppingToken);
                AuditTracing.Written(all, started, DateTimeOffset.UtcNow);
            }
            catch (Exception e) when (IsRejectedData(e))
            {
                written = await WriteOneByOneAsync(channel, events, stoppingToken);
            }
            await channel.BasicAckAsync(events[^1].Tag, multiple: true, stoppingToken);
            _written.Add(written);
            _duplicates.Add(events.Sum(d => d.Events.Count) - written);
        }
    }

    /// <summary>A batch the database refused as data: each event alone, so only the bad one is dead-lettered.</summary>
    private async Task<int> WriteOneByOneAsync(IChannel channel, IReadOnlyList<Delivery> events, CancellationToken stoppingToken)
    {
        var written = 0;
        foreach (var delivery in events)
        {
            try
            {
                written += await WriteUntilCommittedAsync(delivery.Events, stoppingToken);
            }
            catch (Exception e) when (IsRejectedData(e))
            {
                await channel.BasicNackAsync(delivery.Tag, multiple: false, requeue: false, stoppingToken);
                _deadLettered.Add(1);
                Log.DeadLettered(logger, e is PostgresException refused ? $"refused by the database ({refused.SqlState})" : $"it cannot be written ({e.GetType().Name}: {e.Message})");
            }
        }
        return written;
    }

    // Class 22 (data exception) and 23 (integrity constraint): trying again cannot help. Nor can it where the event
    // could not even be sent (not the database's fault: the event's): such a batch is written event by event, and the
    // one that fails is dead-lettered, where the worker would otherwise stop, and stop again on its redelivery.
    private static bool IsRejectedData(Exception e) => e switch
    {
        PostgresException p => p.SqlState.StartsWith("22") || p.SqlState.StartsWith("23"),
        NpgsqlException or OperationCanceledException => false,
        _ => true,
    };

    /// <summary>The database may be away for a while: the batch is kept (unacknowledged) and tried again.</summary>
    private async Task<int> WriteUntilCommittedAsync(IReadOnlyList<AuditEvent> events, CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            try
            {
                return await writer.WriteAsync(events, stoppingToken);
            }
            catch (NpgsqlException e) when (!stoppingToken.IsCancellationRequested && e is not PostgresException { SqlState: ['2', '2' or '3', ..] })
            {
                Log.DatabaseUnavailable(logger, e.Message, backoff.TotalSeconds);
                await Task.Delay(backoff, stoppingToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.MaxBackoff.Ticks));
            }
        }
    }
}
