using ClientPlatform.Clients.Core.Persistence;
using ClientPlatform.Clients.Infrastructure.OAuth;
using Microsoft.Extensions.Options;

namespace ClientPlatform.Admin.Api.Clients;

/// <summary>
/// Optimistic concurrency on a client (issue 34, RFC 9110 §8.8.3 and §13.1.1): every answer about one client carries its
/// version as a strong <c>ETag</c>; a change sent with <c>If-Match</c> is made only on that version, else
/// <c>412 Precondition Failed</c> — so of two administrators editing one client, the second learns it instead of
/// overwriting the first. With <c>Admin:RequireIfMatch</c>, a change without it is <c>428 Precondition Required</c>
/// (RFC 6585 §3). The version is PostgreSQL's (xmin), so a change committed between the check and the write is caught
/// by the write itself: 412 where <c>If-Match</c> was sent, 409 where it was not.
/// </summary>
internal static class ClientPreconditions
{
    /// <summary>The refusal of a change to <paramref name="client"/> by this request's preconditions, or null to go on.</summary>
    public static ProblemHttpResult? Check(HttpRequest request, Client client)
    {
        var ifMatch = request.Headers.IfMatch;
        if (ifMatch.Count == 0)
            return request.HttpContext.RequestServices.GetRequiredService<IOptions<AdminOptions>>().Value.RequireIfMatch
                ? AdminProblems.Problem(StatusCodes.Status428PreconditionRequired, AdminProblems.PreconditionRequired,
                    $"A change to a client needs If-Match with its ETag (GET it first): this deployment requires it (Admin:RequireIfMatch).")
                : null;
        return ClientVersionTag.Matches(ifMatch, client) ? null : Stale(client.ClientId);
    }

    /// <summary>Commits, turning a change that lost to a concurrent one into 412 (If-Match sent) or 409, never a 500.</summary>
    public static async Task<ProblemHttpResult?> SaveAsync(ClientsDbContext db, HttpRequest request, string clientId, CancellationToken cancellation)
    {
        try
        {
            await db.SaveChangesAsync(cancellation);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return request.Headers.IfMatch.Count > 0
                ? Stale(clientId)
                : AdminProblems.Problem(StatusCodes.Status409Conflict, AdminProblems.Conflict,
                    $"Client {clientId} was changed by another request at the same time; read it again and repeat the change.");
        }
    }

    /// <summary>Sets the client's current ETag on the answer (after a change: its new version).</summary>
    public static void Tag(HttpResponse response, Client client) => ClientVersionTag.Set(response, client);

    private static ProblemHttpResult Stale(string clientId) =>
        AdminProblems.Problem(StatusCodes.Status412PreconditionFailed, AdminProblems.PreconditionFailed,
            $"Client {clientId} has changed since the If-Match version: read it again (its ETag) and repeat the change.");
}
