using ClientPlatform.ServiceDefaults;

namespace ClientPlatform.AppHost;

/// <summary>
/// The database as each service connects to it (design.md §3): the migrator as the owner, the APIs and the audit worker
/// as roles of their own (Clients.Core ServiceRoles: clientplatform_api, clientplatform_audit), whose passwords the
/// AppHost makes once and keeps in the state folder, and which the migrator sets. An existing database named by
/// ConnectionStrings__clientsdb is used as it is given: its roles are its operator's.
/// </summary>
public sealed class ServiceRoleConnections
{
    public const string ApiRole = "clientplatform_api";
    public const string AuditWorkerRole = "clientplatform_audit";

    private readonly IResourceBuilder<IResourceWithConnectionString> _database;
    private readonly IResourceBuilder<ParameterResource>? _apiPassword;
    private readonly IResourceBuilder<ParameterResource>? _auditPassword;

    public ServiceRoleConnections(IDistributedApplicationBuilder builder, IResourceBuilder<IResourceWithConnectionString> database, StateFolder state)
    {
        _database = database;
        if (database.Resource is not (PostgresExecutableDatabaseResource or PostgresDatabaseResource))
            return;
        _apiPassword = builder.AddParameter($"{ResourceNames.ClientsDb}-api-password", () => state.Secret($"{ResourceNames.ClientsDb}-api"), secret: true);
        _auditPassword = builder.AddParameter($"{ResourceNames.ClientsDb}-audit-password", () => state.Secret($"{ResourceNames.ClientsDb}-audit"), secret: true);
    }

    /// <summary>The migrator: the owner's connection, and the roles' passwords to set.</summary>
    public IResourceBuilder<ProjectResource> AsOwner(IResourceBuilder<ProjectResource> migrator)
    {
        migrator.WithReference(_database);
        if (_apiPassword is not null && _auditPassword is not null)
            migrator.WithEnvironment("Database__ApiRolePassword", _apiPassword).WithEnvironment("Database__AuditWorkerRolePassword", _auditPassword);
        return migrator;
    }

    public IResourceBuilder<ProjectResource> AsApi(IResourceBuilder<ProjectResource> service) => As(service, ApiRole, _apiPassword);

    public IResourceBuilder<ProjectResource> AsAuditWorker(IResourceBuilder<ProjectResource> service) => As(service, AuditWorkerRole, _auditPassword);

    private IResourceBuilder<ProjectResource> As(IResourceBuilder<ProjectResource> service, string role, IResourceBuilder<ParameterResource>? password)
    {
        if (password is null || Connection(role, password.Resource) is not { } connection)
            return service.WithReference(_database);
        return service.WithEnvironment($"ConnectionStrings__{ResourceNames.ClientsDb}", connection);
    }

    private ReferenceExpression? Connection(string role, ParameterResource password) => _database.Resource switch
    {
        PostgresExecutableDatabaseResource database => ReferenceExpression.Create(
            $"Host={database.Parent.Endpoint.Property(EndpointProperty.IPV4Host)};Port={database.Parent.Endpoint.Property(EndpointProperty.Port)};Username={role};Password={password};Database={database.DatabaseName}"),
        PostgresDatabaseResource database => ReferenceExpression.Create(
            $"Host={database.Parent.PrimaryEndpoint.Property(EndpointProperty.Host)};Port={database.Parent.PrimaryEndpoint.Property(EndpointProperty.Port)};Username={role};Password={password};Database={database.DatabaseName}"),
        _ => null,
    };
}
