using System.Security.Claims;

namespace ClientPlatform.Admin.Api.Auth;

/// <summary>Who an admin request acts as, for the audit log: the API key's id, or the bootstrap credential.</summary>
internal static class AdminActor
{
    public static AuditActor Of(HttpContext context) =>
        AuditActor.ForAdmin(context.User.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? AdminCredentials.BootstrapActor);
}
