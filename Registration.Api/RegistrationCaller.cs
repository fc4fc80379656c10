using ClientPlatform.Clients.Core.Admin;
using ClientPlatform.Clients.Core.Audit;

namespace ClientPlatform.Registration.Api;

/// <summary>
/// Who manages the client at <c>/register/{clientId}</c>: the client itself with its registration access token
/// (RFC 7592 §1), or an administrator holding client:admin where the deployment accepts that (design.md §3).
/// <see cref="RegistrationTokenHandler"/> authenticates it; a handler receives it as a parameter.
/// </summary>
internal sealed record RegistrationCaller(Client Client, AdminPrincipal? Admin)
{
    /// <summary>An administrator, not the client: the client's locks and its policy do not bind this caller.</summary>
    public bool IsAdmin => Admin is not null;

    /// <summary>Who the audit log names.</summary>
    public AuditActor Actor => Admin is { } admin ? AuditActor.ForAdmin(admin.Actor) : AuditActor.ForClient(Client.ClientId);

    /// <summary>Minimal APIs' binding: the caller the authentication handler left on the request.</summary>
    public static ValueTask<RegistrationCaller?> BindAsync(HttpContext context) =>
        ValueTask.FromResult(context.Items[typeof(RegistrationCaller)] as RegistrationCaller);

    public void AttachTo(HttpContext context) => context.Items[typeof(RegistrationCaller)] = this;
}
