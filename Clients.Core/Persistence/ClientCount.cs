using Microsoft.EntityFrameworkCore;

namespace ClientPlatform.Clients.Core.Persistence;

/// <summary>
/// How many clients there are, exactly, without counting them: the unfiltered admin list's <c>total</c> (seed 004,
/// DCR-71 keeps it exact) cost a pass over 100,000 index entries per page (~20–30 ms). A one-row table kept by
/// triggers in the transaction of every insert, delete and truncate of <c>clients</c> answers at once. The price is
/// that concurrent registrations update the same row, so their commits queue on its lock for a few microseconds each;
/// registration is bounded by BCrypt to tens per second per core, far below where that lock would matter.
/// </summary>
public static class ClientCount
{
    public static Task<long> ReadAsync(ClientsDbContext db, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<long>($"SELECT clients AS \"Value\" FROM client_count WHERE id = 1").SingleAsync(cancellationToken);
}
