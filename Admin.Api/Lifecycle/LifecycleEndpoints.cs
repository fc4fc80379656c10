using ClientPlatform.Admin.Api.Auth;
using ClientPlatform.Clients.Core.Admin;
using ClientPlatform.Clients.Core.Persistence;
using ClientPlatform.Clients.Infrastructure.Audit;
using ClientPlatform.Clients.Infrastructure.OpenApi;
using ClientPlatform.Clients.Infrastructure.Resilience;
using Microsoft.Extensions.Options;

namespace ClientPlatform.Admin.Api.Lifecycle;

/// <summary>
/// <c>POST /admin/clients/reap</c> (issue 34): the lifecycle reaper's run, now, by an administrator; with
/// <c>dry_run=true</c>, the list of what would go, and nothing changed. The stale clients themselves are also listed by
/// <c>GET /admin/clients?stale=true</c>.
/// </summary>
internal static class LifecycleEndpoints
{
    public const string DryRun = "dry_run";
    private const string Tag = "Clients";

    public static IEndpointRouteBuilder MapLifecycleEndpoints(this IEndpointRouteBuilder app)
    {
        // The literal "reap" wins over {clientId}, as "bulk" does (design.md §7 C-17).
        foreach (var clients in AdminRoutes.Groups(app, "clients"))
            clients.MapPost("reap", ReapAsync).RequireAuthorization(AdminScopes.ClientsDelete)
                .RateLimited(RateLimitPolicies.AdminDelete, RateLimitPartition.AdminCredential)
                .Describe("reapClients", Tag, "Reap expired clients",
                    "Deletes or locks every registered client that has expired by its source's rule (Lifecycle:Sources), each audited as client_expired; dry_run=true lists them and changes nothing.")
                .Query<string>(DryRun, "true: list what would be reaped and change nothing; false (the default): reap.", ["true", "false"])
                .Answers(StatusCodes.Status200OK, "What was (or would be) reaped.")
                .Answers(StatusCodes.Status400BadRequest, "dry_run is neither true nor false.")
                .Answers(StatusCodes.Status409Conflict, "Another admin replica is reaping at this moment: try again in a moment.");
        return app;
    }

    private static async Task<Results<Ok<ReapResult>, ProblemHttpResult>> ReapAsync(HttpRequest request, AdminActor caller,
        ClientsDbContext db, IAuditTrail audit, ClientLifecycle lifecycle, IOptions<LifecycleOptions> options, IOptions<RequestBudgetOptions> budget,
        TimeProvider time, CancellationToken cancellation)
    {
        var (dryRun, problem) = QueryValues.Flag(request.Query, DryRun);
        if (problem is not null)
            return AdminProblems.BadRequest(problem);
        var now = time.GetUtcNow();
        if (dryRun is true)
        {
            var (stale, total) = await ClientReaping.PreviewAsync(db, lifecycle, now, ReapResult.MaxListed, cancellation);
            return TypedResults.Ok(new ReapResult(true, total, stale));
        }
        // A call reaps for at most half its request budget, then answers with more: true rather than be cut off.
        var started = time.GetTimestamp();
        var share = budget.Value.Budget / 2;
        if (await ClientReaping.ReapAsync(db, audit, lifecycle, caller.Actor, now, options.Value.ReapBatch, () => time.GetElapsedTime(started) > share,
                cancellation) is not var (reaped, more))
            return AdminProblems.Problem(StatusCodes.Status409Conflict, AdminProblems.Conflict, "Another admin replica is reaping expired clients at this moment; try again in a moment.");
        return TypedResults.Ok(new ReapResult(false, reaped.Count, [.. reaped.Take(ReapResult.MaxListed)]) { More = more });
    }
}
