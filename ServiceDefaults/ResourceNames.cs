namespace ClientPlatform.ServiceDefaults;

/// <summary>
/// The Aspire resource names shared by the AppHost and the services. A service reads
/// <c>ConnectionStrings:{name}</c> and <c>services:{name}:http:{i}</c> by these names, exactly as it
/// would under a real Aspire AppHost.
/// </summary>
public static class ResourceNames
{
    public const string Postgres = "postgres";
    public const string ClientsDb = "clientsdb";
    public const string Cache = "cache";
    public const string Messaging = "messaging";
    public const string RegistrationApi = "registration-api";
    public const string AdminApi = "admin-api";
    public const string AuditWorker = "audit-worker";
    public const string Gateway = "gateway";

    /// <summary>The one-shot migrator: the admin API run with the <see cref="MigrateCommand"/> argument.</summary>
    public const string Migrate = "migrate";

    /// <summary>The argument that makes the admin API migrate the schema and exit (Clients.Core MigrationCommand).</summary>
    public const string MigrateCommand = "migrate";
}
