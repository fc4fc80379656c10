using ClientPlatform.AppHost;
using ClientPlatform.AppHost.Supervision;
using ClientPlatform.ServiceDefaults;
using Microsoft.Extensions.Configuration;

// The ready banner counts from here: ./run.sh execs this process, which therefore started with the script (its
// installs and build included).
var started = System.Diagnostics.Stopwatch.StartNew();
try
{
    var arguments = AppHostSettings.TranslateArguments(args);
    var builder = DistributedApplication.CreateBuilder(Dashboard.Options(arguments));
    var settings = AppHostSettings.Read(builder.Configuration, builder.AppHostDirectory);
    Dashboard.Configure(builder, settings);
    Preflight.PortsAreFree(settings);
    builder.WithReadinessPolling();
    // What exits unasked is started again, with back-off; a crash loop is given up on, loudly.
    builder.WithSupervision();
    var state = StateFolder.Prepare(settings.StateDirectory, settings.Fresh);
    var (servers, runtime) = ContainerRuntime.Resolve(settings.Servers, builder.Configuration[ContainerRuntime.Setting]);
    if (runtime is not null)
    {
        ContainerRuntime.Use(builder, runtime);
        if (state.ForgottenVolumes.Count > 0)
            ContainerRuntime.RemoveVolumes(runtime, state.ForgottenVolumes);
    }
    var images = ServerImages.Read(builder.Configuration, builder.AppHostDirectory);
    var ephemeral = builder.Configuration.GetValue<bool>($"{AppHostSettings.Section}:EphemeralData");

    // Data services: existing ones named by connection string, else containers, else the Debian packages' servers.
    var clientsDb = builder.AddExistingServer(ResourceNames.ClientsDb, ServerHealthChecks.Postgres)
        ?? builder.AddPostgresServer(ResourceNames.Postgres, servers, state, ephemeral, images).AddDatabase(ResourceNames.ClientsDb);
    var cache = builder.AddExistingServer(ResourceNames.Cache, ServerHealthChecks.Redis)
        ?? builder.AddRedisServer(ResourceNames.Cache, servers, state, images);
    var messaging = builder.AddExistingServer(ResourceNames.Messaging, ServerHealthChecks.RabbitMQ)
        ?? builder.AddRabbitMQServer(ResourceNames.Messaging, servers, state, images);
    var adminSecret = builder.AddParameter("admin-api-secret",
        () => builder.Configuration["ADMIN_API_SECRET"] is { Length: > 0 } configured ? configured : state.Secret("admin-api-secret"), secret: true);

    // Public and admin traffic are separate deployments, scaled apart (design.md §1); both share the
    // database, the cache and the broker. Only the admin API holds the bootstrap admin secret: the internet-facing
    // registration API is never given it (design.md §3). The APIs wait for neither Redis nor the broker: without them
    // they serve, degraded (reads from PostgreSQL, audit events in the outbox, design.md §4), so a replica that crashed
    // comes back even while either is stopped or frozen (issue 36), and the broker's boot (~7 s) overlaps theirs.
    // One migrator, connected as the schema's owner, brings the schema up to date and sets the services' role passwords;
    // every service waits for it to finish and connects as a role that owns nothing (design.md §3, §6).
    var database = new ServiceRoleConnections(builder, clientsDb, state);
    var broker = new BrokerUsers(builder, messaging, state);
    var migrate = database.AsOwner(builder.AddProject<Projects.Clients_Migrator>(ResourceNames.Migrate)
        .WithBuiltOutput())
        .WaitFor(clientsDb)
        .RunsOnce();

    var registration = builder.AddProjectReplicas<Projects.Registration_Api>(ResourceNames.RegistrationApi, settings.RegistrationReplicas, settings.Http2ToReplicas);
    var admin = builder.AddProjectReplicas<Projects.Admin_Api>(ResourceNames.AdminApi, settings.AdminReplicas, settings.Http2ToReplicas);
    foreach (var (api, user) in registration.Replicas.Select(r => (r, ResourceNames.RegistrationApi))
                 .Concat(admin.Replicas.Select(r => (r, ResourceNames.AdminApi))))
        broker.As(database.AsApi(api.WithServiceSettings(settings)), user)
            .WaitFor(clientsDb).WaitForCompletion(migrate)
            .WithReference(cache)
            .WithHttpHealthCheck(Extensions.HealthPath);
    foreach (var api in admin.Replicas)
        api.WithEnvironment("ADMIN_API_SECRET", adminSecret);

    // The audit chain's key: the worker alone holds it (design.md §3); its checkpoints go beside the servers' data.
    var chainKey = builder.AddParameter(AuditChainSettings.KeyParameter,
        () => builder.Configuration["AUDIT_CHAIN_KEY"] is { Length: > 0 } configured ? configured : state.Secret(AuditChainSettings.KeyParameter), secret: true);
    var worker = broker.As(database.AsAuditWorker(builder.AddProject<Projects.Audit_Worker>(ResourceNames.AuditWorker)), ResourceNames.AuditWorker)
        .WithBuiltOutput()
        .WithServiceSettings(settings)
        .WaitFor(clientsDb).WaitForCompletion(migrate)
        .WaitForStart(messaging)
        .WithAuditChain(chainKey, state)
        .WithHttpHealthCheck(Extensions.HealthPath);
    // Only the worker can verify the chain: the admin API asks it (GET /admin/audit/verify).
    foreach (var api in admin.Replicas)
        api.WithReference(worker);

    builder.AddProject<Projects.Gateway>(ResourceNames.Gateway)
        .WithBuiltOutput()
        .WithServiceSettings(settings)
        .WithReplicaEndpoints(registration)
        .WithReplicaEndpoints(admin)
        .WithEndpoint("http", endpoint => { endpoint.Port = settings.GatewayPort == 0 ? StablePorts.Next() : settings.GatewayPort; endpoint.IsProxied = false; })
        .WithAdminListener(settings.GatewayAdminPort)
        .WithExternalHttpEndpoints()
        .WithHttpHealthCheck(Extensions.HealthPath)
        .WithReadyBanner(started);

    await using var app = builder.Build();
    await app.RunAsync();
    return 0;
}
catch (AppHostException e)
{
    // A setting, a port or a package the operator can fix: one sentence, no stack trace.
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}
