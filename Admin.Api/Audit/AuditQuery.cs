using System.Reflection;
using ClientPlatform.Clients.Infrastructure.OpenApi;
using Microsoft.AspNetCore.Http.Metadata;
namespace ClientPlatform.Admin.Api.Audit;

/// <summary>
/// The audit log's filters (resource, actor, action, time range) and paging. Bound by <see cref="BindAsync"/>; a bad
/// value is refused with its <see cref="Problem"/> before the handler runs.
/// </summary>
internal sealed record AuditQuery(string? ResourceId, string? Actor, string? Action, DateTimeOffset? From, DateTimeOffset? To, int Page, int Limit)
    : IMayBeRefused, IEndpointParameterMetadataProvider
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public string? Problem { get; private init; }

    /// <summary>The query parameters this type reads, for the OpenAPI document.</summary>
    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder)
    {
        builder.Metadata.Add(ApiParameter.Query<string>("resource_id", "Only events about this resource (a client id, a key id, …)."));
        builder.Metadata.Add(ApiParameter.Query<string>("actor", "Only events by this actor id."));
        builder.Metadata.Add(ApiParameter.Query<string>("action", "Only this action (client.updated, …)."));
        builder.Metadata.Add(ApiParameter.Query<string>("from", "From this time (ISO 8601 or Unix milliseconds)."));
        builder.Metadata.Add(ApiParameter.Query<string>("to", "Up to this time (ISO 8601 or Unix milliseconds)."));
        builder.Metadata.Add(ApiParameter.Query<int>("page", "The page, from 1.", minimum: 1));
        builder.Metadata.Add(ApiParameter.Query<int>("limit", $"Events per page, 1 to {MaxLimit} (default {DefaultLimit}).", minimum: 1, maximum: MaxLimit));
    }

    public static ValueTask<AuditQuery?> BindAsync(HttpContext context)
    {
        var (query, problem) = Parse(context.Request.Query);
        return ValueTask.FromResult<AuditQuery?>(query ?? new AuditQuery(null, null, null, null, null, 1, DefaultLimit) { Problem = problem });
    }

    private static (AuditQuery? Query, string? Problem) Parse(IQueryCollection query)
    {
        var page = 1;
        var limit = DefaultLimit;
        if (query.TryGetValue("page", out var rawPage) && (!int.TryParse(rawPage, out page) || page < 1))
            return (null, $"page: must be a whole number of at least 1, not '{rawPage}'");
        if (query.TryGetValue("limit", out var rawLimit) && (!int.TryParse(rawLimit, out limit) || limit is < 1 or > MaxLimit))
            return (null, $"limit: must be a whole number from 1 to {MaxLimit}, not '{rawLimit}'");
        var (from, fromProblem) = Time(query, "from");
        var (to, toProblem) = Time(query, "to");
        if ((fromProblem ?? toProblem) is { } problem)
            return (null, problem);
        return (new AuditQuery(Text(query, "resource_id"), Text(query, "actor"), Text(query, "action"), from, to, page, limit), null);
    }

    private static string? Text(IQueryCollection query, string name) => QueryValues.Text(query, name);

    private static (DateTimeOffset?, string?) Time(IQueryCollection query, string name) => QueryValues.Time(query, name);
}
