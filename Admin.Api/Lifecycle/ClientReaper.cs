using ClientPlatform.Clients.Core.Persistence;
using ClientPlatform.Clients.Infrastructure.Audit;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ClientPlatform.Admin.Api.Lifecycle;

/// <summary>
/// Every <see cref="LifecycleOptions.ReapInterval"/> (issue 34), on every admin replica: records and takes out the secrets
/// past their expiry (<see cref="SecretExpiry"/>), and reaps expired registered clients one replica at a time
/// (<see cref="ClientReaping"/>'s lock: an idle replica finds it held and waits for its next turn), where a source has a
/// rule (none by default).
/// </summary>
internal sealed class ClientReaper(IServiceScopeFactory scopes, ClientLifecycle lifecycle, IOptions<LifecycleOptions> options, TimeProvider time,
    ILogger<ClientReaper> logger) : BackgroundService
{
    public const string Name = "lifecycle-reaper";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ReapInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var started = time.GetTimestamp();
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<ClientsDbContext>();
                var audit = scope.ServiceProvider.GetRequiredService<IAuditTrail>();
                var actor = AuditActor.ForSystem(Name);
                if (await SecretExpiry.SweepAsync(db, audit, actor, time.GetUtcNow(), options.Value.ReapBatch, stoppingToken) is > 0 and var secrets)
                    Log.SecretsExpired(logger, secrets, time.GetElapsedTime(started).TotalSeconds);
                if (!lifecycle.Enabled)
                    continue;
                var run = await ClientReaping.ReapAsync(db, audit, lifecycle, actor, time.GetUtcNow(), options.Value.ReapBatch, until: null, stoppingToken);
                foreach (var group in (run?.Reaped ?? []).GroupBy(r => r.Action))
                    Log.ClientsReaped(logger, group.Count(), group.Key, time.GetElapsedTime(started).TotalSeconds);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException && !stoppingToken.IsCancellationRequested)
            {
                Log.ReapFailed(logger, e.GetType().Name, options.Value.ReapInterval.TotalSeconds);
            }
        }
    }
}
