namespace ClientPlatform.Clients.Core.Admin;

/// <summary>Admin permissions (seed 004 RBAC); client:admin holds them all (design.md §7 C-10).</summary>
public static class AdminScopes
{
    public const string ClientsRead = "clients:read";
    public const string ClientsWrite = "clients:write";
    public const string ClientsDelete = "clients:delete";
    public const string AuditRead = "audit:read";
    public const string ClientAdmin = "client:admin";

    public static readonly IReadOnlyList<string> All = [ClientsRead, ClientsWrite, ClientsDelete, AuditRead, ClientAdmin];
}
