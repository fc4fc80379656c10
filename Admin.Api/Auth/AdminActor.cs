using System.Security.Claims;

namespace ClientPlatform.Admin.Api.Auth;

/// <summary>
/// Who an admin request acts as, for the audit log: the API key's id, or the bootstrap credential. Every admin endpoint
/// requires an authenticated caller; a handler receives it as a parameter, bound from what authentication established.
/// </summary>
internal sealed record AdminActor(AuditActor Actor)
{
    public static ValueTask<AdminActor?> BindAsync(HttpContext context) =>
        ValueTask.FromResult<AdminActor?>(new(AuditActor.ForAdmin(context.User.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? AdminCredentials.BootstrapActor)));
}
