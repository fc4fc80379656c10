using ClientPlatform.Clients.Infrastructure.Connections;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace ClientPlatform.Clients.Infrastructure.Audit;

/// <summary>
/// Publishes outbox rows to RabbitMQ with publisher confirms, marking a row sent only after its confirm.
/// Every API replica runs one; a PostgreSQL advisory lock makes exactly one of them the active relay, so
/// rows go out in the order they were written (and so in order per resource). The others stand by and
/// take over within <see cref="OutboxRelayOptions.StandbyInterval"/> if it stops.
/// </summary>
internal sealed class OutboxRelay(
    NpgsqlDataSource dataSource, BrokerConnection broker, IOptions<OutboxRelayOptions> options,
    TimeProvider time, ILogger<OutboxRelay> logger) : BackgroundService
{
    // Any fixed number works; it only has to differ from the other advisory locks (SchemaMigrator's).
    private const long RelayLockKey = 0x72656c6179;
    private const string Channel = "audit_outbox";

    private readonly OutboxRelayOptions _options = options.Value;
    private readonly RelayHealth _health = new();
    private DateTimeOffset _nextPrune;
    private volatile bool _notified;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromMilliseconds(500);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunAsLeaderAsync(stoppingToken);
                backoff = TimeSpan.FromMilliseconds(500);
            }
            catch (Exception e) when (IsTransient(e) && !stoppingToken.IsCancellationRequested)
            {
                _health.Failed(logger, e, backoff);
                await Task.Delay(backoff, stoppingToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.MaxBackoff.Ticks));
            }
        }
    }

    private async Task RunAsLeaderAsync(CancellationToken stoppingToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
        while (!await TryLockAsync(connection, stoppingToken))
            await Task.Delay(_options.StandbyInterval, stoppingToken);
        Log.RelayActive(logger);
        try
        {
            // A notification can arrive while a batch is being published; remember it, so no commit waits a poll.
            connection.Notification += (_, _) => _notified = true;
            await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                await listen.ExecuteNonQueryAsync(stoppingToken);

            var brokerConnection = await broker.GetAsync(stoppingToken);
            var channel = await AuditTopology.OpenChannelAsync(brokerConnection,
                new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), stoppingToken);
            try
            {
                while (!stoppingToken.IsCancellationRequested)
                {
                    var published = await PublishBatchAsync(connection, channel, stoppingToken);
                    if (published > 0)
                        _health.Succeeded(logger, published);
                    await PruneIfDueAsync(connection, stoppingToken);
                    if (published < _options.BatchSize && !_notified)
                        await connection.WaitAsync(_options.PollInterval, stoppingToken); // a commit's NOTIFY wakes it at once
                    _notified = false;
                }
            }
            finally
            {
                await BrokerConnection.CloseAsync(channel);
            }
        }
        finally
        {
            await ReleaseLeadershipAsync(connection);
        }
    }

    /// <summary>
    /// The lock and the LISTEN belong to the session, and a pooled connection's session outlives its use: back in
    /// the pool it would keep both until it is next opened, and no replica — this one included, which opens
    /// another — could take over (seen when the broker was not up yet at start). A broken connection has lost
    /// both already, and the pool discards it.
    /// </summary>
    private static async Task ReleaseLeadershipAsync(NpgsqlConnection connection)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({RelayLockKey}); UNLISTEN {Channel}", connection);
            await release.ExecuteNonQueryAsync(patience.Token);
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or InvalidOperationException)
        {
            // the session is gone, and with it the lock
        }
    }

    private static async Task<bool> TryLockAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT pg_try_advisory_lock({RelayLockKey})", connection);
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }

    /// <summary>Claims a batch, publishes it, waits for every confirm, and only then marks it sent.</summary>
    private async Task<int> PublishBatchAsync(NpgsqlConnection connection, IChannel channel, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var batch = new List<(long Id, Guid EventId, string Action, string Payload)>(_options.BatchSize);
        await using (var claim = new NpgsqlCommand(
            """
            SELECT id, event_id, action, payload FROM audit_outbox
            WHERE sent_at IS NULL ORDER BY id LIMIT @limit
            FOR UPDATE SKIP LOCKED
            """, connection, transaction))
        {
            claim.Parameters.AddWithValue("limit", _options.BatchSize);
            await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                batch.Add((reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3)));
        }
        if (batch.Count == 0)
            return 0;

        // Published concurrently, confirmed together: a nack or a return throws, the transaction rolls back,
        // and the rows go out again later (the worker is idempotent on event id).
        var now = time.GetUtcNow();
        var confirms = batch.Select(row =>
            AuditMessages.PublishAsync(channel, row.EventId, row.Action, row.Payload, now, cancellationToken).AsTask()).ToList();
        await Task.WhenAll(confirms);

        await using (var mark = new NpgsqlCommand("UPDATE audit_outbox SET sent_at = now() WHERE id = ANY(@ids)", connection, transaction))
        {
            mark.Parameters.AddWithValue("ids", batch.Select(r => r.Id).ToArray());
            await mark.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return batch.Count;
    }

    private async Task PruneIfDueAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (now < _nextPrune)
            return;
        _nextPrune = now + _options.PruneInterval;
        await using var prune = new NpgsqlCommand("DELETE FROM audit_outbox WHERE sent_at < @before", connection);
        prune.Parameters.AddWithValue("before", now - _options.Retention);
        var pruned = await prune.ExecuteNonQueryAsync(cancellationToken);
        if (pruned > 0)
            Log.OutboxPruned(logger, pruned);
    }

    private static bool IsTransient(Exception e) => e is BrokerUnreachableException or AlreadyClosedException or OperationInterruptedException
        or PublishException or NpgsqlException or IOException or TimeoutException or System.Net.Sockets.SocketException
        || e is OperationCanceledException;
}
