using System.Security.Claims;
using ClientPlatform.Clients.Infrastructure.OpenApi;

namespace ClientPlatform.Admin.Api.Auth;

/// <summary>
/// Who the credential is and what it may do: the console shows only the actions the caller's scopes allow (the
/// API still decides every call). Any valid admin credential may ask.
/// </summary>
internal static class CallerEndpoint
{
    public static IEndpointRouteBuilder MapCallerEndpoint(this IEndpointRouteBuilder app)
    {
        foreach (var group in AdminRoutes.Groups(app, "me"))
            group.MapGet("", Caller).RequireAuthorization()
                .RateLimited(RateLimitPolicies.AdminOther, RateLimitPartition.AdminCredential)
                .Describe("getCaller", "Admin keys", "Who am I", "The credential's actor id and its scopes (client:admin expanded to all).")
                .Answers(StatusCodes.Status200OK, "The caller.");
        return app;
    }

    private static Ok<CallerInfo> Caller(ClaimsPrincipal user) => TypedResults.Ok(new CallerInfo(
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "",
        [.. user.FindAll("scope").Select(c => c.Value).Distinct().Order(StringComparer.Ordinal)]));
}

[System.ComponentModel.Description("The caller's credential.")]
internal sealed record CallerInfo(
    [property: System.ComponentModel.Description("The actor id audit entries name: the key's id, or bootstrap.")] string Actor,
    [property: System.ComponentModel.Description("What it may do."), AdminScopeValues] IReadOnlyList<string> Scopes);
