using System.Reflection;
using ClientPlatform.Clients.Infrastructure.OpenApi;
using ClientPlatform.Clients.Core.OAuth;
using ClientPlatform.Clients.Core.Persistence;
using Microsoft.AspNetCore.Http.Metadata;
using Names = ClientPlatform.Clients.Core.OAuth.ClientMetadataNames;
namespace ClientPlatform.Admin.Api.Clients;

/// <summary>
/// The list's query string (seed 004): 1-indexed page, limit 1…100 (default 20), optional search; and the filters of
/// issue 34: locked, a grant type, a creation time range, the source, stale, a last-use time range; and issue 35's: the
/// token endpoint auth method, DPoP- or certificate-bound tokens, an authorization details type. Bound by
/// <see cref="BindAsync"/>; a bad value is refused with its <see cref="Problem"/> before the handler runs.
/// </summary>
internal sealed record ListQuery(int Page, int Limit, string? Search) : IMayBeRefused, IEndpointParameterMetadataProvider
{
    /// <summary>Only clients with (true) or without (false) an administrator's lock (update_locked or delete_locked).</summary>
    public bool? Locked { get; private init; }

    /// <summary>Only clients whose grant_types hold this one.</summary>
    public string? GrantType { get; private init; }

    /// <summary>Only clients created at or after this time.</summary>
    public DateTimeOffset? CreatedFrom { get; private init; }

    /// <summary>Only clients created before this time.</summary>
    public DateTimeOffset? CreatedTo { get; private init; }

    /// <summary>Only clients of this source (<see cref="ClientSources"/>).</summary>
    public string? Source { get; private init; }

    /// <summary>Only clients expired by their source's lifecycle rule, now (true); or only the others (false).</summary>
    public bool? Stale { get; private init; }

    /// <summary>Only clients last used at or after this time (a client never used has no last use).</summary>
    public DateTimeOffset? LastUsedFrom { get; private init; }

    /// <summary>Only clients last used before this time.</summary>
    public DateTimeOffset? LastUsedTo { get; private init; }

    /// <summary>Only clients that authenticate at the token endpoint this way.</summary>
    public string? AuthMethod { get; private init; }

    /// <summary>Only clients whose access tokens are (true) or are not (false) bound to a DPoP key (RFC 9449 §5.2).</summary>
    public bool? DpopBound { get; private init; }

    /// <summary>Only clients whose access tokens are (true) or are not (false) bound to their TLS certificate (RFC 8705 §3.4).</summary>
    public bool? CertificateBound { get; private init; }

    /// <summary>Only clients whose authorization_details_types hold this one (RFC 9396 §10).</summary>
    public string? AuthorizationDetailsType { get; private init; }

    /// <summary>Every filter's value, set or not: what <see cref="Filtered"/> and <see cref="Facet"/> count.</summary>
    private object?[] Filters => [Search, Locked, GrantType, CreatedFrom, CreatedTo, Source, Stale, LastUsedFrom, LastUsedTo,
        AuthMethod, DpopBound, CertificateBound, AuthorizationDetailsType];

    /// <summary>Whether anything narrows the list (then its total is counted, not read from the kept count).</summary>
    public bool Filtered => Filters.Any(f => f is not null);

    /// <summary>
    /// The one facet that alone narrows the list (a source, locked or not, a grant type), whose exact total is kept by the
    /// database (<see cref="ClientFacetCount"/>); null where the list is narrowed otherwise too, and its matches are counted.
    /// </summary>
    public string? Facet => Filters.Count(f => f is not null) != 1 ? null
        : Source is { } source ? ClientFacetCount.Source(source)
        : Locked is { } locked ? ClientFacetCount.Locked(locked)
        : GrantType is { } grant ? ClientFacetCount.GrantType(grant)
        : null;

    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;
    public const int MaxSearchLength = 200;
    public const string AuthorizationDetailsTypeParameter = "authorization_details_type";

    public string? Problem { get; private init; }

    /// <summary>The query parameters this type reads, for the OpenAPI document.</summary>
    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder)
    {
        builder.Metadata.Add(ApiParameter.Query<string>("search", $"Case-insensitive part of the client id or name (at most {MaxSearchLength} characters)."));
        builder.Metadata.Add(ApiParameter.Query<int>("page", "The page, from 1.", minimum: 1));
        builder.Metadata.Add(ApiParameter.Query<int>("limit", $"Clients per page, 1 to {MaxLimit} (default {DefaultLimit}).", minimum: 1, maximum: MaxLimit));
        builder.Metadata.Add(ApiParameter.Query<bool>("locked", "true: only clients an administrator locked (update_locked or delete_locked); false: only the others."));
        builder.Metadata.Add(ApiParameter.Query<string>("grant_type", "Only clients whose grant_types hold this one."));
        builder.Metadata.Add(ApiParameter.Query<string>("created_from", "Only clients created at or after this time: ISO 8601 or Unix milliseconds."));
        builder.Metadata.Add(ApiParameter.Query<string>("created_to", "Only clients created before this time: ISO 8601 or Unix milliseconds."));
        builder.Metadata.Add(ApiParameter.Query<string>("source", $"Only clients that came to be this way: {string.Join(", ", ClientSources.All)}."));
        builder.Metadata.Add(ApiParameter.Query<bool>("stale", "true: only registered clients expired now by their source's lifecycle rule (what the reaper takes next); false: only the others."));
        builder.Metadata.Add(ApiParameter.Query<string>("last_used_from", "Only clients last used at or after this time: ISO 8601 or Unix milliseconds."));
        builder.Metadata.Add(ApiParameter.Query<string>("last_used_to", "Only clients last used before this time: ISO 8601 or Unix milliseconds."));
        builder.Metadata.Add(ApiParameter.Query<string>(Names.TokenEndpointAuthMethod, $"Only clients that authenticate this way: {string.Join(", ", AuthMethods.Supported)}."));
        builder.Metadata.Add(ApiParameter.Query<bool>(Names.DpopBoundAccessTokens, "true: only clients whose access tokens are bound to a DPoP key (RFC 9449 §5.2); false: only the others."));
        builder.Metadata.Add(ApiParameter.Query<bool>(Names.TlsClientCertificateBoundAccessTokens, "true: only clients whose access tokens are bound to their TLS certificate (RFC 8705 §3.4); false: only the others."));
        builder.Metadata.Add(ApiParameter.Query<string>(AuthorizationDetailsTypeParameter, "Only clients whose authorization_details_types hold this one (RFC 9396 §10)."));
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
        var (locked, lockedProblem) = QueryValues.Flag(query, "locked");
        var (stale, staleProblem) = QueryValues.Flag(query, "stale");
        var (dpopBound, dpopProblem) = QueryValues.Flag(query, Names.DpopBoundAccessTokens);
        var (certificateBound, certificateProblem) = QueryValues.Flag(query, Names.TlsClientCertificateBoundAccessTokens);
        if ((lockedProblem ?? staleProblem ?? dpopProblem ?? certificateProblem) is { } flagProblem)
            return (null, flagProblem);
        var authMethod = QueryValues.Text(query, Names.TokenEndpointAuthMethod);
        if (authMethod is not null && !AuthMethods.Supported.Contains(authMethod))
            return (null, $"{Names.TokenEndpointAuthMethod}: must be one of {string.Join(", ", AuthMethods.Supported)}, not '{authMethod}'");
        var detailsType = QueryValues.Text(query, AuthorizationDetailsTypeParameter);
        if (detailsType is { Length: > ClientLimits.ShortValueMaxLength })
            return (null, $"{AuthorizationDetailsTypeParameter}: must be at most {ClientLimits.ShortValueMaxLength} characters");
        var source = QueryValues.Text(query, "source");
        if (source is not null && !ClientSources.All.Contains(source))
            return (null, $"source: must be one of {string.Join(", ", ClientSources.All)}, not '{source}'");
        var grantType = QueryValues.Text(query, "grant_type");
        if (grantType is { Length: > ClientLimits.ShortValueMaxLength })
            return (null, $"grant_type: must be at most {ClientLimits.ShortValueMaxLength} characters");
        var (from, fromProblem) = QueryValues.Time(query, "created_from");
        var (to, toProblem) = QueryValues.Time(query, "created_to");
        var (usedFrom, usedFromProblem) = QueryValues.Time(query, "last_used_from");
        var (usedTo, usedToProblem) = QueryValues.Time(query, "last_used_to");
        if ((fromProblem ?? toProblem ?? usedFromProblem ?? usedToProblem) is { } timeProblem)
            return (null, timeProblem);
        return (new ListQuery(page, limit, search.Length == 0 ? null : search)
        {
            Locked = locked, GrantType = grantType, CreatedFrom = from, CreatedTo = to,
            Source = source, Stale = stale, LastUsedFrom = usedFrom, LastUsedTo = usedTo,
            AuthMethod = authMethod, DpopBound = dpopBound, CertificateBound = certificateBound, AuthorizationDetailsType = detailsType,
        }, null);
    }

}
