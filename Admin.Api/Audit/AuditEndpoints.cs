using System.Text.Json;
using System.Text.Json.Nodes;
using ClientPlatform.Admin.Api.Auth;
using ClientPlatform.Clients.Core.Audit;
using ClientPlatform.Clients.Core.RateLimiting;
using ClientPlatform.Clients.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ClientPlatform.Admin.Api.Audit;

/// <summary>The audit log for administrators: the newest first, filtered; and the tamper-evidence check.</summary>
internal static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        foreach (var prefix in new[] { "/admin/audit", "/api/admin/audit" })
        {
            var audit = app.MapGroup(prefix).RequireAuthorization(AdminScopes.AuditRead)
                .RateLimited(RateLimitPolicies.AdminOther, RateLimitPartition.AdminCredential);
            audit.MapGet("", QueryAsync);
            audit.MapGet("verify", VerifyAsync);
        }
        return app;
    }

    private static async Task<IResult> QueryAsync(HttpContext context, ClientsDbContext db)
    {
        var (query, problem) = AuditQuery.Parse(context.Request.Query);
        if (query is null)
            return AdminProblems.BadRequest(problem!);
        var rows = db.AuditLog.AsNoTracking();
        if (query.ResourceId is { } resource) rows = rows.Where(r => r.ResourceId == resource);
        if (query.Actor is { } actor) rows = rows.Where(r => r.ActorId == actor);
        if (query.Action is { } action) rows = rows.Where(r => r.Action == action);
        if (query.From is { } from) rows = rows.Where(r => r.OccurredAt >= from);
        if (query.To is { } to) rows = rows.Where(r => r.OccurredAt <= to);
        var total = await rows.CountAsync(context.RequestAborted);
        var page = await rows.OrderByDescending(r => r.Seq).Skip((query.Page - 1) * query.Limit).Take(query.Limit).ToListAsync(context.RequestAborted);
        var totalPages = (int)Math.Ceiling(total / (double)query.Limit);
        return TypedResults.Ok(new JsonObject
        {
            ["events"] = new JsonArray(page.Select(r => (JsonNode)new JsonObject
            {
                ["seq"] = r.Seq, ["event_id"] = r.EventId.ToString(), ["timestamp"] = r.OccurredAt.ToUnixTimeMilliseconds(),
                ["action"] = r.Action, ["actor"] = new JsonObject { ["kind"] = r.ActorKind, ["id"] = r.ActorId },
                ["resource"] = new JsonObject { ["type"] = r.ResourceType, ["id"] = r.ResourceId },
                ["changes"] = JsonNode.Parse(r.Changes),
                ["outcome"] = new JsonObject { ["success"] = r.Success, ["status"] = r.Status, ["error"] = r.Error },
                ["ip_address"] = r.IpAddress, ["user_agent"] = r.UserAgent, ["trace_id"] = r.TraceId,
            }).ToArray()),
            ["pagination"] = new JsonObject
            {
                ["page"] = query.Page, ["limit"] = query.Limit, ["total"] = total, ["totalPages"] = totalPages,
                ["hasNext"] = query.Page < totalPages, ["hasPrev"] = query.Page > 1,
            },
        });
    }

    private static async Task<IResult> VerifyAsync(HttpContext context, AuditChainVerifier verifier)
    {
        var result = await verifier.VerifyAsync(context.RequestAborted);
        return TypedResults.Ok(new JsonObject
        {
            ["valid"] = result.Valid, ["rows_checked"] = result.RowsChecked, ["first_bad_seq"] = result.FirstBadSeq,
            ["first_bad_event_id"] = result.FirstBadEventId?.ToString(), ["reason"] = result.Reason,
        });
    }
}
