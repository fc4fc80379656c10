using System.Collections.Concurrent;
using System.Threading.Channels;
using ClientPlatform.Clients.Core.Lifecycle;
using ClientPlatform.Clients.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ClientPlatform.Clients.Infrastructure.Lifecycle;

/// <summary>
/// Records when each client, and each of its secrets, last proved itself (issue 34), off the request's path: the request
/// hands the use over and answers at once, whatever PostgreSQL is doing. Coalesced: a client (or secret) is written at
/// most once per <see cref="LifecycleOptions.UseWriteWindow"/> by this process, so a client authenticating many times a
/// second costs no write per request; the uses of a moment are written in one statement per table. A use that cannot
/// be recorded (PostgreSQL away) is dropped and recorded at a later one. Shown as <c>last_used_at</c> by the admin API;
/// read by the lifecycle rules (<see cref="ClientLifecycle"/>).
/// </summary>
public sealed class ClientUseRecorder(IServiceScopeFactory scopes, IOptions<LifecycleOptions> options, ILogger<ClientUseRecorder> logger)
    : BackgroundService
{
    private const int MaxPending = 10_000;
    private const int MaxBatch = 500;
    private const int MaxRemembered = 100_000;

    private readonly TimeSpan _window = options.Value.UseWriteWindow;
    private readonly Channel<Use> _pending =
        Channel.CreateBounded<Use>(new BoundedChannelOptions(MaxPending) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly ConcurrentDictionary<(string ClientId, string? SecretId), DateTimeOffset> _written = new();

    /// <summary>
    /// The client (by <paramref name="secretId"/>, when a secret proved it) was just used: written soon, unless it was
    /// within the last window.
    /// </summary>
    public void Used(string clientId, string? secretId, DateTimeOffset at)
    {
        var key = (clientId, secretId);
        if (_written.TryGetValue(key, out var last) && at - last < _window)
            return;
        _written[key] = at;
        if (_written.Count > MaxRemembered)
            foreach (var (old, when) in _written)
                if (at - when >= _window)
                    _written.TryRemove(old, out _);
        _pending.Writer.TryWrite(new Use(clientId, secretId, at));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Use>(MaxBatch);
        while (await _pending.Reader.WaitToReadAsync(stoppingToken))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _pending.Reader.TryRead(out var use))
                batch.Add(use);
            try
            {
                await WriteAsync(batch, stoppingToken);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException && !stoppingToken.IsCancellationRequested)
            {
                foreach (var use in batch)
                    _written.TryRemove((use.ClientId, use.SecretId), out _);
                Log.UseNotRecorded(logger, batch.Count, e.GetType().Name);
            }
        }
    }

    /// <summary>
    /// One upsert per table for the batch; a later use never goes back in time, and a use of a client deleted meanwhile is
    /// skipped (the join), so the foreign key never refuses the batch.
    /// </summary>
    private async Task WriteAsync(List<Use> batch, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClientsDbContext>();
        var clientIds = batch.Select(u => u.ClientId).ToArray();
        var times = batch.Select(u => u.At).ToArray();
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO client_usage (client_id, last_used_at)
            SELECT u.client_id, max(u.at)
              FROM unnest({clientIds}, {times}) AS u(client_id, at)
              JOIN clients c ON c.client_id = u.client_id
             GROUP BY u.client_id
            ON CONFLICT (client_id) DO UPDATE SET last_used_at = excluded.last_used_at
             WHERE client_usage.last_used_at < excluded.last_used_at
            """, cancellationToken);
        var secrets = batch.Where(u => u.SecretId is not null).ToList();
        if (secrets.Count == 0)
            return;
        var secretClientIds = secrets.Select(u => u.ClientId).ToArray();
        var secretIds = secrets.Select(u => u.SecretId!).ToArray();
        var secretTimes = secrets.Select(u => u.At).ToArray();
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO client_secret_usage (client_id, secret_id, last_used_at)
            SELECT u.client_id, u.secret_id, max(u.at)
              FROM unnest({secretClientIds}, {secretIds}, {secretTimes}) AS u(client_id, secret_id, at)
              JOIN clients c ON c.client_id = u.client_id
             GROUP BY u.client_id, u.secret_id
            ON CONFLICT (client_id, secret_id) DO UPDATE SET last_used_at = excluded.last_used_at
             WHERE client_secret_usage.last_used_at < excluded.last_used_at
            """, cancellationToken);
    }

    private readonly record struct Use(string ClientId, string? SecretId, DateTimeOffset At);
}
