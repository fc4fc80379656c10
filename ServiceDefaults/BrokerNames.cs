namespace ClientPlatform.ServiceDefaults;

/// <summary>
/// The names of the audit pipeline on the broker, and of the services' broker users: shared by the services
/// (Clients.Core AuditTopology) and the AppHost, which sets the broker up with them and their permissions.
/// </summary>
public static class BrokerNames
{
    public const string AuditExchange = "audit.events";
    public const string AuditQueue = "audit.log";
    public const string AuditDeadLetterExchange = "audit.events.dead";
    public const string AuditDeadLetterQueue = "audit.log.dead";
    public const string AuditRoutingKey = "audit";
}
