using ClientPlatform.Hosting;
using ClientPlatform.ServiceDefaults;
using Microsoft.Extensions.Configuration;

namespace ClientPlatform.AppHost;

/// <summary>
/// The application model: what runs, what it is given and what it waits for. The same model serves
/// `./run.sh` and the end-to-end tests (which change only ports and the state folder).
/// </summary>
public static class ClientPlatformModel
{
    public static void Compose(IDistributedApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(AppHostConfiguration.Section);

        var postgres = builder.AddPostgres(ResourceNames.Postgres);
        var clientsDb = postgres.AddDatabase(ResourceNames.ClientsDb);
        var cache = builder.AddRedis(ResourceNames.Cache);
        var messaging = builder.AddRabbitMQ(ResourceNames.Messaging);
        var adminSecret = builder.AddParameter("admin-api-secret", "ADMIN_API_SECRET", secret: true);

        // Public and admin traffic are separate deployments, scaled apart (design.md §1).
        // Both APIs share the database, the cache, the broker and the bootstrap admin secret.
        IResourceBuilder<ProjectResource> Api(IResourceBuilder<ProjectResource> api) => WithServiceSettings(api, settings)
            .WithReference(clientsDb).WaitFor(clientsDb)
            .WithReference(cache).WaitFor(cache)
            .WithReference(messaging).WaitFor(messaging)
            .WithEnvironment("ADMIN_API_SECRET", adminSecret)
            .WithHttpHealthCheck("/health");

        var registration = Api(builder.AddProject<Projects.Registration_Api>(ResourceNames.RegistrationApi))
            .WithReplicas(AppHostConfiguration.ReadInt(settings.GetSection("Replicas"), "RegistrationApi", 2, min: 1, max: 16));
        var admin = Api(builder.AddProject<Projects.Admin_Api>(ResourceNames.AdminApi))
            .WithReplicas(AppHostConfiguration.ReadInt(settings.GetSection("Replicas"), "AdminApi", 1, min: 1, max: 16));

        builder.AddProject<Projects.Audit_Worker>(ResourceNames.AuditWorker)
            .WithReference(clientsDb).WaitFor(clientsDb)
            .WithReference(messaging).WaitFor(messaging)
            .WithHttpHealthCheck("/health");

        WithServiceSettings(builder.AddProject<Projects.Gateway>(ResourceNames.Gateway), settings)
            // A pure proxy never blocks a socket continuation, so it can run them on the socket engine's thread
            // instead of hopping to the thread pool: reads through the gateway went from 2,485 to 2,966/s in
            // bench/RegistrationBench on 2 cores. (Not for the APIs, which hash with BCrypt after awaiting the database.)
            .WithEnvironment("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1")
            .WithReference(registration).WaitFor(registration)
            .WithReference(admin).WaitFor(admin)
            .WithHttpEndpoint(port: AppHostConfiguration.ReadInt(settings, "GatewayPort", 8080))
            .WithExternalHttpEndpoints()
            .WithHttpHealthCheck("/health");
    }

    /// <summary>
    /// Settings for the APIs and the gateway from the AppHost's own (<c>AppHost:ServiceEnvironment:RateLimits:Enabled</c>
    /// becomes <c>RateLimits__Enabled</c>): how a deployment, or a test, tunes the services without editing them.
    /// </summary>
    private static IResourceBuilder<ProjectResource> WithServiceSettings(IResourceBuilder<ProjectResource> project, IConfigurationSection settings)
    {
        foreach (var (key, value) in settings.GetSection(AppHostConfiguration.ServiceEnvironment).AsEnumerable(makePathsRelative: true))
            if (value is not null)
                project.WithEnvironment(key.Replace(":", "__"), value);
        return project;
    }
}
