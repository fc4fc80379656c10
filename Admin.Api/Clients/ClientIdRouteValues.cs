namespace ClientPlatform.Admin.Api.Clients;

/// <summary>
/// A client id that is an https URL (a Client ID Metadata Document, issue 35) travels in a route as one segment, its
/// slashes percent-encoded. Kestrel decodes a path except for %2F, which it leaves encoded so that segments keep their
/// bounds; this restores those slashes in <c>{clientId}</c> once the route has matched. No other client id holds "%2F":
/// the platform's are GUIDs, and a metadata document's URL may not (ClientIdMetadataDocument.UrlProblem).
/// </summary>
internal static class ClientIdRouteValues
{
    private const string ClientId = "clientId";

    public static IApplicationBuilder UseSlashesInClientIds(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (context.Request.RouteValues[ClientId] is string id && id.Contains("%2F", StringComparison.OrdinalIgnoreCase))
            context.Request.RouteValues[ClientId] = id.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        return next(context);
    });
}
