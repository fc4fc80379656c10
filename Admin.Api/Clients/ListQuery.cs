using System.Reflection;
using ClientPlatform.Clients.Infrastructure.OpenApi;
using Microsoft.AspNetCore.Http.Metadata;
namespace ClientPlatform.Admin.Api.Clients;

/// <summary>
/// The list's query string (seed 004): 1-indexed page, limit 1…100 (default 20), optional search. Bound by
/// <see cref="BindAsync"/>; a bad value is refused with its <see cref="Problem"/> before the handler runs.
/// </summary>
internal sealed record ListQuery(int Page, int Limit, string? Search) : IMayBeRefused, IEndpointParameterMetadataProvider
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;
    public const int MaxSearchLength = 200;

    public string? Problem { get; private init; }

    /// <summary>The query parameters this type reads, for the OpenAPI document.</summary>
    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder)
    {
        builder.Metadata.Add(ApiParameter.Query<string>("search", $"Case-insensitive part of the client id or name (at most {MaxSearchLength} characters)."));
        builder.Metadata.Add(ApiParameter.Query<int>("page", "The page, from 1.", minimum: 1));
        builder.Metadata.Add(ApiParameter.Query<int>("limit", $"Clients per page, 1 to {MaxLimit} (default {DefaultLimit}).", minimum: 1, maximum: MaxLimit));
    }

    public static ValueTask<ListQuery?> BindAsync(HttpContext context)
    {
        var (query, problem) = Parse(context.Request.Query);
        return ValueTask.FromResult<ListQuery?>(query ?? new ListQuery(1, DefaultLimit, null) { Problem = problem });
    }

    /// <summary>Out-of-range or non-numeric values are refused, never replaced by a default.</summary>
    private static (ListQuery? Query, string? Problem) Parse(IQueryCollection query)
    {
        var page = 1;
        var limit = DefaultLimit;
        if (query.TryGetValue("page", out var rawPage) && (!int.TryParse(rawPage, out page) || page < 1))
            return (null, $"page: must be a whole number of at least 1, not '{rawPage}'");
        if (query.TryGetValue("limit", out var rawLimit) && (!int.TryParse(rawLimit, out limit) || limit is < 1 or > MaxLimit))
            return (null, $"limit: must be a whole number from 1 to {MaxLimit}, not '{rawLimit}'");
        var search = query["search"].ToString();
        if (search.Length > MaxSearchLength)
            return (null, $"search: must be at most {MaxSearchLength} characters");
        return (new ListQuery(page, limit, search.Length == 0 ? null : search), null);
    }
}
