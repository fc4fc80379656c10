namespace ClientPlatform.Admin.Api;

/// <summary>
/// Every admin endpoint answers under /admin and under /api/admin (design.md §7 C-11). The OpenAPI document lists
/// the /admin paths and says so once, rather than describing every operation twice.
/// </summary>
internal static class AdminRoutes
{
    public const string Prefix = "/admin";
    public const string AliasPrefix = "/api/admin";

    /// <summary>
    /// The resource's route group under each prefix; the alias one is left out of the document. A refused argument is
    /// answered before any handler (<see cref="RefusedArguments"/>).
    /// </summary>
    public static IEnumerable<RouteGroupBuilder> Groups(IEndpointRouteBuilder app, string resource)
    {
        yield return app.MapGroup($"{Prefix}/{resource}").RefusingBadArguments();
        yield return app.MapGroup($"{AliasPrefix}/{resource}").ExcludeFromDescription().RefusingBadArguments();
    }
}
