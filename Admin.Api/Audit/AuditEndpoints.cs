using ClientPlatform.Clients.Core.Persistence;
using ClientPlatform.Clients.Infrastructure.OpenApi;

namespace ClientPlatform.Admin.Api.Audit;

/// <summary>The audit log for administrators: the newest first, filtered; and the tamper-evidence check.</summary>
internal static class AuditEndpoints
{
    private const string Tag = "Audit";
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        foreach (var group in AdminRoutes.Groups(app, "audit"))
        {
            var audit = group.RequireAuthorization(AdminScopes.AuditRead)
                .RateLimited(RateLimitPolicies.AdminOther, RateLimitPartition.AdminCredential);
            audit.MapGet("", QueryAsync)
                .Describe("queryAudit", Tag, "Read the audit log", "Newest first, filtered by resource, actor, action and time.")
                .Answers(StatusCodes.Status200OK, "A page of events.")
                .Answers(StatusCodes.Status400BadRequest, "A bad filter or page.");
            audit.MapGet("verify", VerifyAsync)
                .Describe("verifyAudit", Tag, "Verify the audit chain",
                    "The audit worker, which alone holds the chain's key, checks every row's HMAC link and the chain against its newest checkpoint " +
                    "kept outside the database: a changed, removed or inserted row, or rows cut from the end, break it.")
                .Answers(StatusCodes.Status200OK, "The result.")
                .Answers(StatusCodes.Status503ServiceUnavailable, "The audit worker cannot be reached.");
        }
        return app;
    }

    private static async Task<Ok<AuditEvents>> QueryAsync(AuditQuery query, ClientsDbContext db, CancellationToken cancellation)
    {
        var rows = db.AuditLog.AsNoTracking();
        if (query.ResourceId is { } resource) rows = rows.Where(r => r.ResourceId == resource);
        if (query.Actor is { } actor) rows = rows.Where(r => r.ActorId == actor);
        if (query.Action is { } action) rows = rows.Where(r => r.Action == action);
        if (query.From is { } from) rows = rows.Where(r => r.OccurredAt >= from);
        if (query.To is { } to) rows = rows.Where(r => r.OccurredAt <= to);
        var total = await rows.CountAsync(cancellation);
        var page = await rows.OrderByDescending(r => r.Seq).Skip((query.Page - 1) * query.Limit).Take(query.Limit).ToListAsync(cancellation);
        return TypedResults.Ok(new AuditEvents([.. page.Select(AuditEvent.From)], Pagination.Of(query.Page, query.Limit, total)));
    }

    /// <summary>Asked of the audit worker, which alone holds the chain's keys (design.md §3).</summary>
    private static async Task<Results<Ok<AuditVerification>, ProblemHttpResult>> VerifyAsync(HttpResponse response, AuditWorkerClient worker)
    {
        var (result, status) = await worker.VerifyAsync(response.HttpContext.RequestAborted);
        if (result is null)
        {
            if (status == StatusCodes.Status429TooManyRequests)
            {
                response.Headers.RetryAfter = "5";
                return AdminProblems.Problem(StatusCodes.Status429TooManyRequests, AdminProblems.RateLimited,
                    "A verification of the audit chain is already running; retry when it has finished.");
            }
            return AdminProblems.Problem(StatusCodes.Status503ServiceUnavailable, AdminProblems.ServerError,
                "The audit worker, which alone holds the chain's key, cannot verify the chain now; retry later.");
        }
        return TypedResults.Ok(AuditVerification.From(result));
    }
}
