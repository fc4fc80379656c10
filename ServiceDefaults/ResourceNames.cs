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

    /// <summary>The one-shot migrator (Clients.Core/Clients.Migrator), which every service waits for.</summary>
    public const string Migrate = "migrate";

    /// <summary>
    /// The endpoint name of each API replica's second port, for the gateway only: cleartext HTTP/2 with prior knowledge
    /// (RFC 9113 §3.3), given to it as <c>services:{name}:h2:{i}</c>. Kestrel speaks cleartext HTTP/2 only on an endpoint
    /// that speaks nothing else, so it is a port of its own.
    /// </summary>
    public const string Http2Endpoint = "h2";
}
