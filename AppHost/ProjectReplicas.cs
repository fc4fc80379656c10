using System.Reflection;
using ClientPlatform.ServiceDefaults;

namespace ClientPlatform.AppHost;

/// <summary>
/// A project run as several replicas, each its own resource with its own endpoint, so that the gateway can
/// balance each request over them, health-check each and retry on another when one dies.
/// </summary>
/// <remarks>
/// Aspire's <c>WithReplicas(n)</c> puts DCP's TCP proxy in front of the replicas and hands clients only its
/// address; the proxy spreads connections, not requests, so a gateway's kept-alive connections all stay on
/// one replica (dotnet/aspire issues 6640 and 9486), and a dead replica is invisible to the gateway's health
/// checks. Every replica here is a project resource named <c>{name}-{i}</c> (1-based), and the gateway gets
/// <c>services__{name}__http__{i}</c> per replica: the variables Aspire's service discovery reads.
/// </remarks>
public sealed class ProjectReplicas(string name, IReadOnlyList<IResourceBuilder<ProjectResource>> replicas)
{
    public string Name { get; } = name;

    public IReadOnlyList<IResourceBuilder<ProjectResource>> Replicas { get; } = replicas;

    public static string ReplicaName(string name, int index) => $"{name}-{index + 1}";

    /// <summary>Applies the same set-up to every replica.</summary>
    public ProjectReplicas Each(Action<IResourceBuilder<ProjectResource>> configure)
    {
        foreach (var replica in Replicas)
            configure(replica);
        return this;
    }
}

public static class ProjectReplicasExtensions
{
    public static ProjectReplicas AddProjectReplicas<TProject>(this IDistributedApplicationBuilder builder, string name, int count, bool http2)
        where TProject : IProjectMetadata, new()
    {
        var replicas = Enumerable.Range(0, count)
            .Select(i => builder.AddProject<TProject>(ProjectReplicas.ReplicaName(name, i))
                // The launch profile's fixed port would clash between replicas, and DCP's proxy is what we avoid; a port of
                // its own for the whole run, so that a replica started again is where the gateway sends (StablePorts).
                .WithStableEndpoint("http", "http")
                .WithBuiltOutput())
            .Select(replica => http2 ? replica.WithHttp2Endpoint() : replica)
            .ToList();
        return new ProjectReplicas(name, replicas);
    }

    /// <summary>
    /// Adds the <see cref="ResourceNames.Http2Endpoint"/> endpoint. The two endpoints become named Kestrel
    /// endpoints (<c>Kestrel__Endpoints__{name}__Url</c>, the h2 one with <c>Protocols=Http2</c>) instead of
    /// ASPNETCORE_URLS, which cannot give one URL a protocol of its own and which Kestrel ignores once any named
    /// endpoint is configured.
    /// </summary>
    private static IResourceBuilder<ProjectResource> WithHttp2Endpoint(this IResourceBuilder<ProjectResource> replica)
    {
        replica.WithStableEndpoint(ResourceNames.Http2Endpoint, "http")
            .WithEndpoint(ResourceNames.Http2Endpoint, endpoint => endpoint.Transport = "http2");
        replica.WithEndpointsInEnvironment(_ => false);
        foreach (var name in (string[])["http", ResourceNames.Http2Endpoint])
        {
            var endpoint = replica.GetEndpoint(name);
            replica.WithEnvironment($"Kestrel__Endpoints__{name}__Url",
                ReferenceExpression.Create($"http://localhost:{endpoint.Property(EndpointProperty.TargetPort)}"));
        }
        return replica.WithEnvironment($"Kestrel__Endpoints__{ResourceNames.Http2Endpoint}__Protocols", "Http2");
    }

    /// <summary>
    /// Runs the project's built assembly (<c>dotnet bin/…/X.dll</c>) instead of Aspire's <c>dotnet run --no-build</c>,
    /// whose MSBuild evaluation costs ~2.8 s of CPU per process before the service starts: on 2 cores with five
    /// services that was a third of the cold start. It stays a project resource (its dashboard row, telemetry
    /// identity and environment are Aspire's); Aspire runs the command of an <see cref="ExecutableAnnotation"/>
    /// instead of its own for a project that has one. The assembly is the one the AppHost's build configuration
    /// built (./run.sh builds the solution's projects with it).
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithBuiltOutput(this IResourceBuilder<ProjectResource> project)
    {
        var metadata = project.Resource.GetProjectMetadata();
        var assembly = BuiltAssembly(metadata);
        if (!File.Exists(assembly))
            throw new AppHostException($"{assembly} is missing: build the solution in {BuildConfiguration} first (./run.sh does).");
        return project
            .WithAnnotation(new ExecutableAnnotation { Command = OwnSession, WorkingDirectory = Path.GetDirectoryName(metadata.ProjectPath)! })
            .WithArgs("dotnet", assembly);
    }

    /// <summary>
    /// Each service runs in a session of its own (util-linux's <c>setsid</c>, which execs the command in place: DCP's
    /// children lead no process group, so it does not fork, and DCP still watches the service's own process id). DCP
    /// starts every executable in one session, and Linux's autogroup scheduler (sched(7)) shares the CPU between
    /// sessions first, then between the threads within one: every service and server shared one session's part, thread
    /// by thread, with the busy threads of the replica that survived. A replica restarted on a busy machine then waited
    /// for CPU through its whole start (issue 36: 10–15 s back under the fault tests' load on 2 cores, one CI run past
    /// 15 s); in a session of its own it gets a session's part, as each PostgreSQL backend does and as each container
    /// gets its cgroup's (measured under that load: back in 7.3–13.0 s, 9.9 s on average over five runs, against
    /// 9.8–14.7 s, 12.0 s on average over seven, in DCP's session).
    /// </summary>
    private const string OwnSession = "setsid";

    /// <summary>The assembly a project of the AppHost's builds to, in the AppHost's own build configuration.</summary>
    public static string BuiltAssembly(IProjectMetadata project) =>
        Path.Combine(Path.GetDirectoryName(project.ProjectPath)!, "bin", BuildConfiguration, TargetFramework,
            Path.GetFileNameWithoutExtension(project.ProjectPath) + ".dll");

    private static string BuildConfiguration { get; } =
        typeof(ProjectReplicas).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    private static string TargetFramework { get; } = $"net{Environment.Version.Major}.{Environment.Version.Minor}";

    /// <summary>
    /// Every replica's URL as <c>services__{name}__http__{i}</c>, and its HTTP/2 endpoint's as
    /// <c>services__{name}__h2__{i}</c> when it has one; start only once all are healthy.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithReplicaEndpoints(this IResourceBuilder<ProjectResource> client, ProjectReplicas service)
    {
        for (var i = 0; i < service.Replicas.Count; i++)
        {
            var replica = service.Replicas[i];
            client.WithEnvironment($"services__{service.Name}__http__{i}", replica.GetEndpoint("http")).WaitFor(replica);
            if (replica.Resource.TryGetEndpoints(out var endpoints) && endpoints.Any(e => e.Name == ResourceNames.Http2Endpoint))
                client.WithEnvironment($"services__{service.Name}__{ResourceNames.Http2Endpoint}__{i}", replica.GetEndpoint(ResourceNames.Http2Endpoint));
        }
        return client;
    }
}
