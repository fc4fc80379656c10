using System.Collections.Concurrent;
using System.Threading.Channels;
using ClientPlatform.Clients.Core.Persistence;
using Npgsql;

namespace ClientPlatform.Admin.Api.Clients;

/// <summary>
/// Records when each secret last proved its client (issue 34), off the request's path: verify-secret hands the use over
/// and answers at once, whatever PostgreSQL is doing. Coalesced: a secret is written at most once per
/// <see cref="Window"/> by this process, so a client authenticating many times a second costs no write per request;
/// the uses of a moment are written in one statement. A use that cannot be recorded (PostgreSQL away) is dropped and
/// recorded at a later one. Shown by <c>GET /admin/clients/{id}/secrets</c> as <c>last_used_at</c>.
/// </summary>
internal sealed class SecretUseRecorder(IServiceScopeFactory scopes, ILogger<SecretUseRecorder> logger) : BackgroundService
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private const int MaxPending = 10_000;
    private const int MaxBatch = 500;
    private const int MaxRemembered = 100_000;

    private readonly Channel<(string ClientId, string SecretId, DateTimeOffset At)> _pending =
        Channel.CreateBounded<(string, string, DateTimeOffset)>(new BoundedChannelOptions(MaxPending) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly ConcurrentDictionary<(string ClientId, string SecretId), DateTimeOffset> _written = new();

    /// <summary>A secret just proved its client: written soon, unless it was within the last <see cref="Window"/>.</summary>
    public void Used(string clientId, string secretId, DateTimeOffset at)
    {
        var key = (clientId, secretId);
        if (_written.TryGetValue(key, out var last) && at - last < Window)
            return;
        _written[key] = at;
        if (_written.Count > MaxRemembered)
            foreach (var (old, when) in _written)
                if (at - when >= Window)
                    _written.TryRemove(old, out _);
        _pending.Writer.TryWrite((clientId, secretId, at));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<(string ClientId, string SecretId, DateTimeOffset At)>(MaxBatch);
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
                foreach (var (clientId, secretId, _) in batch)
                    _written.TryRemove((clientId, secretId), out _);
                Log.SecretUseNotRecorded(logger, batch.Count, e.GetType().Name);
            }
        }
    }

    /// <summary>
    /// One upsert for the batch; a later use never goes back in time, and a use of a client deleted meanwhile is skipped
    /// (the join), so the foreign key never refuses the batch.
    /// </summary>
    private async Task WriteAsync(List<(string ClientId, string SecretId, DateTimeOffset At)> batch, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClientsDbContext>();
        var clientIds = batch.Select(u => u.ClientId).ToArray();
        var secretIds = batch.Select(u => u.SecretId).ToArray();
        var times = batch.Select(u => u.At).ToArray();
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO client_secret_usage (client_id, secret_id, last_used_at)
            SELECT u.client_id, u.secret_id, max(u.at)
              FROM unnest({clientIds}, {secretIds}, {times}) AS u(client_id, secret_id, at)
              JOIN clients c ON c.client_id = u.client_id
             GROUP BY u.client_id, u.secret_id
            ON CONFLICT (client_id, secret_id) DO UPDATE SET last_used_at = excluded.last_used_at
             WHERE client_secret_usage.last_used_at < excluded.last_used_at
            """, cancellationToken);
    }
}
