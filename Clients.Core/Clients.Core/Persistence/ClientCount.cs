using Microsoft.EntityFrameworkCore;

namespace ClientPlatform.Clients.Core.Persistence;

/// <summary>
/// How many clients there are, exactly, without counting them: the unfiltered admin list's <c>total</c> (seed 004,
/// DCR-71 keeps it exact) cost a pass over 100,000 index entries per page (~20–30 ms). A small table kept by
/// triggers in the transaction of every insert, delete and truncate of <c>clients</c> answers at once.
/// Each transaction holds the row it changed until it commits, so with a single row every concurrent insert queued
/// behind the others' commits: 32 writers made 615 inserts/s where they made 3,764 without the triggers (pgbench,
/// this machine), and AuditBench's client inserts stalled near 200/s. So the count is spread over 64 rows
/// (migration ShardClientCount) and each database session changes its own (by backend process id): 3,069 inserts/s,
/// and the sum of 64 rows still costs nothing to read.
/// </summary>
public static class ClientCount
{
    public static Task<long> ReadAsync(ClientsDbContext db, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<long>($"SELECT sum(clients)::bigint AS \"Value\" FROM client_count").SingleAsync(cancellationToken);
}
