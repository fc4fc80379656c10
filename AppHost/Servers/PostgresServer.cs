using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ClientPlatform.AppHost;

/// <summary>PostgreSQL from the Debian package (<c>Servers/postgres.sh</c>), with Aspire's connection string.</summary>
public sealed class PostgresExecutableResource(string name, string workingDirectory, ParameterResource password)
    : ExecutableServerResource(name, "bash", workingDirectory, password)
{
    public const string UserName = "postgres";

    public List<PostgresExecutableDatabaseResource> Databases { get; } = [];

    public override ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={Endpoint.Property(EndpointProperty.IPV4Host)};Port={Endpoint.Property(EndpointProperty.Port)};Username={UserName};Password={Password}");
}

/// <summary>A database on <see cref="PostgresExecutableResource"/>: Aspire's <c>AddDatabase</c>, created when the server is ready.</summary>
public sealed class PostgresExecutableDatabaseResource(string name, string databaseName, PostgresExecutableResource parent)
    : Resource(name), IResourceWithParent<PostgresExecutableResource>, IResourceWithConnectionString
{
    public PostgresExecutableResource Parent { get; } = parent;

    public string DatabaseName { get; } = databaseName;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{Parent};Database={DatabaseName}");
}

public static class PostgresServerExtensions
{
    private const int HeapTrimThresholdBytes = 32 * 1024 * 1024;
    private const int HeapMmapThresholdBytes = 16 * 1024 * 1024;

    /// <summary>
    /// glibc gives freed heap back to the kernel as soon as its top passes 128 KiB; on a small VM each give-back
    /// is a TLB flush on every core, and they were 13 % of PostgreSQL's CPU on the admin list (perf, issue 13).
    /// Each backend keeps up to 32 MiB free instead, and takes blocks under 16 MiB from its heap, not from mmap.
    /// </summary>
    private static IResourceBuilder<T> WithHeapKept<T>(this IResourceBuilder<T> resource) where T : IResourceWithEnvironment =>
        resource.WithEnvironment("MALLOC_TRIM_THRESHOLD_", HeapTrimThresholdBytes.ToString(CultureInfo.InvariantCulture))
            .WithEnvironment("MALLOC_MMAP_THRESHOLD_", HeapMmapThresholdBytes.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// PostgreSQL: Aspire's container resource where a container runtime answers, otherwise the Debian
    /// package's server as an executable resource with its data in the state folder. Either way the same
    /// connection string (<c>Host=…;Port=…;Username=postgres;Password=…</c>) and a health check.
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddPostgresServer(
        this IDistributedApplicationBuilder builder, string name, ServerMode mode, StateFolder state, bool ephemeral, ServerImages? images = null)
    {
        var password = builder.AddParameter($"{name}-password", () => state.Secret(name), secret: true);
        if (mode == ServerMode.Containers)
        {
            // The image first: Aspire picks the data folder the volume goes on from its tag (PostgreSQL 18 moved it). A
            // volume even for a throwaway run: a container stopped and started again is a new one, and must find its data.
            return builder.AddPostgres(name, password: password).WithServerImage(images?.Postgres).WithHeapKept()
                .WithDataVolume(state.VolumeFor(name));
        }

        Preflight.IsInstalled(Preflight.Server.Postgres);

        var folder = state.For(name);
        var server = new PostgresExecutableResource(name, builder.AppHostDirectory, password.Resource);
        var resource = builder.AddResource(server)
            .WithArgs(ServerScripts.Path("postgres.sh"))
            .WithStableEndpoint(ExecutableServerResource.EndpointName)
            .WithEnvironment("PG_STATE", folder)
            .WithEnvironment("PG_PORT", server.Endpoint.Property(EndpointProperty.TargetPort))
            .WithEnvironment("PG_PASSWORD", password)
            .WithEnvironment("PG_EPHEMERAL", ephemeral ? "true" : "false")
            .WithHeapKept()
            .WithServerHealthCheck(ServerHealthChecks.Postgres);

        // Aspire's AddDatabase creates each database once the server is healthy (CREATE DATABASE if missing).
        builder.Eventing.Subscribe<ResourceReadyEvent>(server, async (@event, cancellationToken) =>
        {
            var connectionString = await server.ConnectionStringExpression.GetValueAsync(cancellationToken);
            await using var connection = new NpgsqlConnection(connectionString + ";Database=postgres;Pooling=false");
            await connection.OpenAsync(cancellationToken);
            var notifications = @event.Services.GetRequiredService<ResourceNotificationService>();
            foreach (var resource in server.Databases)
            {
                var database = resource.DatabaseName;
                await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
                exists.Parameters.AddWithValue("name", database);
                if (await exists.ExecuteScalarAsync(cancellationToken) is null)
                {
                    await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "\"\"")}\"", connection);
                    await create.ExecuteNonQueryAsync(cancellationToken);
                    @event.Services.GetRequiredService<ResourceLoggerService>().GetLogger(server).LogInformation("Created database {Database}", database);
                }
                // The database has no process of its own: it runs once it exists, and its health check takes over.
                await notifications.PublishUpdateAsync(resource, snapshot => snapshot with
                {
                    State = KnownResourceStates.Running,
                    StartTimeStamp = DateTime.UtcNow,
                });
            }
        });
        return resource;
    }

    /// <summary>Aspire's <c>AddDatabase</c>, for either kind of server <see cref="AddPostgresServer"/> made.</summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddDatabase(
        this IResourceBuilder<IResourceWithConnectionString> server, string name, string? databaseName = null)
    {
        switch (server.Resource)
        {
            case PostgresServerResource:
                // Aspire's, named: extension lookup finds this method first (it is in the nearer namespace) and would recurse.
                return PostgresBuilderExtensions.AddDatabase((IResourceBuilder<PostgresServerResource>)server, name, databaseName);
            case PostgresExecutableResource executable:
                var database = new PostgresExecutableDatabaseResource(name, databaseName ?? name, executable);
                executable.Databases.Add(database);
                return server.ApplicationBuilder.AddResource(database)
                    .WithInitialState(new CustomResourceSnapshot
                    {
                        ResourceType = "PostgresDatabase",
                        State = KnownResourceStates.Waiting,
                        Properties = [new ResourcePropertySnapshot(CustomResourceKnownProperties.Source, executable.Name)],
                    })
                    .WithServerHealthCheck(ServerHealthChecks.Postgres);
            default:
                throw new InvalidOperationException($"{server.Resource.Name} is not a PostgreSQL server.");
        }
    }
}
