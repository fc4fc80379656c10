using System.Collections.Concurrent;
using System.Diagnostics;
using ClientPlatform.Clients.Core;
using ClientPlatform.Clients.Core.Audit;
using ClientPlatform.Clients.Core.Persistence;
using ClientPlatform.Clients.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClientPlatform.Bench.Audit;

/// <summary>
/// Offers changes at a fixed rate (open loop: a slow change does not slow the offer), each a client row
/// and its audit event in one transaction; then measures when each event reached the audit log.
/// </summary>
internal sealed class AuditBenchmark(BenchPlatform platform)
{
    private const int MaxInFlight = 64;

    public async Task<BenchResult> RunAsync(int rate, TimeSpan duration)
    {
        var total = (int)(rate * duration.TotalSeconds);
        var committed = new ConcurrentDictionary<Guid, DateTimeOffset>();
        using var inFlight = new SemaphoreSlim(MaxInFlight);
        var clock = Stopwatch.StartNew();
        var changes = new List<Task>(total);
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds(i / (double)rate);
            if (due > clock.Elapsed)
                await Task.Delay(due - clock.Elapsed);
            await inFlight.WaitAsync();
            changes.Add(Task.Run(async () =>
            {
                try
                {
                    var (eventId, at) = await ChangeAsync();
                    committed[eventId] = at;
                }
                finally
                {
                    inFlight.Release();
                }
            }));
        }
        await Task.WhenAll(changes);
        var offerTook = clock.Elapsed;

        var recorded = await WaitForAuditRowsAsync(committed.Keys.ToList(), TimeSpan.FromSeconds(120));
        var lags = recorded.Select(r => (r.Value - committed[r.Key]).TotalMilliseconds).Order().ToArray();
        var span = recorded.Count == 0 ? TimeSpan.Zero : recorded.Values.Max() - committed.Values.Min();
        return new BenchResult(rate, total / offerTook.TotalSeconds, recorded.Count / Math.Max(span.TotalSeconds, 0.001),
            recorded.Count, total, Percentiles.Of(lags, 0.50), Percentiles.Of(lags, 0.99), lags.LastOrDefault());
    }

    private async Task<(Guid EventId, DateTimeOffset CommittedAt)> ChangeAsync()
    {
        await using var scope = platform.Api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClientsDbContext>();
        var trail = scope.ServiceProvider.GetRequiredService<IAuditTrail>();
        var now = DateTimeOffset.UtcNow;
        var client = new Client
        {
            ClientId = $"bench-{Guid.NewGuid():N}",
            ClientName = "benchmark client",
            TokenEndpointAuthMethod = "client_secret_basic",
            RedirectUris = ["https://bench.example.test/cb"],
            GrantTypes = ["authorization_code"],
            ResponseTypes = ["code"],
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Clients.Add(client);
        var auditEvent = trail.Record(new AuditEntry(AuditActions.ClientRegistered, AuditActor.Anonymous,
            new AuditResource(AuditResourceTypes.Client, client.ClientId), AuditOutcome.Ok(201)));
        await db.SaveChangesAsync();
        return (auditEvent.EventId, DateTimeOffset.UtcNow);
    }

    private async Task<Dictionary<Guid, DateTimeOffset>> WaitForAuditRowsAsync(IReadOnlyList<Guid> eventIds, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            await using var scope = platform.Api.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ClientsDbContext>();
            var rows = new Dictionary<Guid, DateTimeOffset>();
            foreach (var chunk in eventIds.Chunk(5000))
                foreach (var row in await db.AuditLog.Where(r => chunk.Contains(r.EventId)).Select(r => new { r.EventId, r.RecordedAt }).ToListAsync())
                    rows[row.EventId] = row.RecordedAt;
            if (rows.Count >= eventIds.Count || DateTime.UtcNow > deadline)
                return rows;
            await Task.Delay(250);
        }
    }
}

internal sealed record BenchResult(
    int Offered, double Committed, double Delivered, int Events, int Expected, double LagP50, double LagP99, double LagMax)
{
    public override string ToString() =>
        $"{Offered,10} {Committed,12:0} {Delivered,12:0} {(Events == Expected ? Events.ToString() : $"{Events}/{Expected}"),8} " +
        $"{LagP50,11:0.0} {LagP99,11:0.0} {LagMax,11:0.0}";
}
