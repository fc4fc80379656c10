using System.Threading.Channels;
using ClientPlatform.Clients.Core.Audit;
using ClientPlatform.Clients.Core.Persistence;
using ClientPlatform.Clients.Infrastructure.Connections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;

namespace ClientPlatform.Clients.Infrastructure.Audit;

/// <summary>
/// Sends the events that accompany no data change (a read, a refused token, a rate limit) straight to the
/// broker, in confirmed batches of up to 200 events per message, so that a cached read makes no PostgreSQL query (issue 6). There is no change
/// for them to be atomic with, so the outbox's guarantee is not needed — except when the broker is away or
/// this replica stops: then they go into the outbox, and the relay sends them later. What can be lost is only
/// what sits in this queue when the process is killed outright (the last tens of milliseconds of reads), a trade accepted for
/// read events; every change is still recorded through the outbox, in its own transaction.
/// </summary>
internal sealed class DetachedAuditPublisher(
    BrokerConnection broker, IServiceScopeFactory scopes, TimeProvider time, ILogger<DetachedAuditPublisher> logger)
    : BackgroundService
{
    private const int Capacity = 10_000;
    private const int BatchSize = 200;
    // Each broker message costs the broker, the worker and PostgreSQL about the same whatever it holds: 25 ms gathers
    // five times the events of 5 ms under load, and halved the broker's CPU per read (issue 13).
    private static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(25);
    private static readonly TimeSpan BrokerPatience = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan BrokerBreak = TimeSpan.FromSeconds(5);

    private readonly Channel<OutboxMessage> _queue = Channel.CreateBounded<OutboxMessage>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private IChannel? _channel;
    private DateTimeOffset _brokerRetryAt;
    private bool _failing;

    /// <summary>False when the queue is full (the caller then writes the outbox itself).</summary>
    public bool TryEnqueue(OutboxMessage message) => _queue.Writer.TryWrite(message);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete(); // the loop drains what is queued, then ends
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<OutboxMessage>(BatchSize);
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            // Under load, the linger gathers many events into one message; when idle it costs a read event that
            // much delay, nothing more.
            if (!stoppingToken.IsCancellationRequested && _queue.Reader.Count < BatchSize)
                await Task.Delay(Linger, CancellationToken.None);
            batch.Clear();
            while (batch.Count < BatchSize && _queue.Reader.TryRead(out var message))
                batch.Add(message);
            if (stoppingToken.IsCancellationRequested || !await TryPublishAsync(batch, stoppingToken))
                await WriteToOutboxAsync(batch);
            else if (_failing)
            {
                _failing = false;
                Log.DetachedAuditPublishing(logger);
            }
        }
        if (_channel is not null)
            await BrokerConnection.CloseAsync(_channel);
    }

    private async Task<bool> TryPublishAsync(List<OutboxMessage> batch, CancellationToken stoppingToken)
    {
        if (time.GetUtcNow() < _brokerRetryAt)
            return false;
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        patience.CancelAfter(BrokerPatience);
        try
        {
            if (_channel is not { IsOpen: true })
            {
                var connection = await broker.GetAsync(patience.Token);
                _channel = await AuditTopology.OpenChannelAsync(connection,
                    new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), patience.Token);
            }
            var now = time.GetUtcNow();
            await AuditMessages.PublishBatchAsync(_channel, batch, now, patience.Token);
            return true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _brokerRetryAt = time.GetUtcNow() + BrokerBreak;
            _channel = null;
            if (!_failing)
                Log.DetachedAuditToOutbox(logger, e.GetType().Name);
            _failing = true;
            return false;
        }
    }

    private async Task WriteToOutboxAsync(List<OutboxMessage> batch)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ClientsDbContext>();
            db.AuditOutbox.AddRange(batch);
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Broker and database both away: nothing left to write to. Say how many, never what.
            Log.DetachedAuditLost(logger, batch.Count, e.GetType().Name);
        }
    }
}
