namespace ClientPlatform.Admin.Api.Clients;

/// <summary>
/// One page of the admin list in its indexed order, newest first (created_at DESC, client_id), read so that
/// no page costs a pass over every client's row (issue 5, "Scale"). The seed asks for page/limit, so an offset
/// cannot be avoided; two things keep it cheap:
/// <list type="bullet">
/// <item>the offset is walked from the nearer end of the index: with the total known, page 4,999 of 5,000
/// skips 20 entries backwards, not 99,960 forwards;</item>
/// <item>only the ids are skipped (an index-only scan), and the page's 20 rows are then read by primary key.</item>
/// </list>
/// </summary>
internal static class ClientPages
{
    public static async Task<List<Client>> ReadAsync(
        IQueryable<Client> all, IQueryable<Client> matching, int total, int page, int limit, CancellationToken cancellationToken)
    {
        var skip = (long)(page - 1) * limit;
        if (skip >= total)
            return [];
        var take = (int)Math.Min(limit, total - skip);
        var older = (int)(total - skip - take); // matching clients after this page
        var ids = older < skip
            ? matching.OrderBy(c => c.CreatedAt).ThenByDescending(c => c.ClientId).Skip(older).Take(take).Select(c => c.ClientId)
            : matching.OrderByDescending(c => c.CreatedAt).ThenBy(c => c.ClientId).Skip((int)skip).Take(take).Select(c => c.ClientId);
        return await all.Where(c => ids.Contains(c.ClientId))
            .OrderByDescending(c => c.CreatedAt).ThenBy(c => c.ClientId)
            .ToListAsync(cancellationToken);
    }
}
