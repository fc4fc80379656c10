using System.Reflection;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

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
    public static ProjectReplicas AddProjectReplicas<TProject>(this IDistributedApplicationBuilder builder, string name, int count)
        where TProject : IProjectMetadata, new()
    {
        var replicas = Enumerable.Range(0, count)
            .Select(i => builder.AddProject<TProject>(ProjectReplicas.ReplicaName(name, i))
                // The launch profile's fixed port would clash between replicas, and DCP's proxy is what we avoid.
                .WithEndpoint("http", endpoint => { endpoint.Port = null; endpoint.IsProxied = false; })
                .WithBuiltOutput())
            .ToList();
        return new ProjectReplicas(name, replicas);
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
            .WithAnnotation(new ExecutableAnnotation { Command = "dotnet", WorkingDirectory = Path.GetDirectoryName(metadata.ProjectPath)! })
            .WithArgs(assembly);
    }

    /// <summary>The assembly a project of the AppHost's builds to, in the AppHost's own build configuration.</summary>
    public static string BuiltAssembly(IProjectMetadata project) =>
        Path.Combine(Path.GetDirectoryName(project.ProjectPath)!, "bin", BuildConfiguration, TargetFramework,
            Path.GetFileNameWithoutExtension(project.ProjectPath) + ".dll");

    private static string BuildConfiguration { get; } =
        typeof(ProjectReplicas).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    private static string TargetFramework { get; } = $"net{Environment.Version.Major}.{Environment.Version.Minor}";

    /// <summary>Every replica's URL as <c>services__{name}__http__{i}</c>, and start only once all are healthy.</summary>
    public static IResourceBuilder<ProjectResource> WithReplicaEndpoints(this IResourceBuilder<ProjectResource> client, ProjectReplicas service)
    {
        for (var i = 0; i < service.Replicas.Count; i++)
        {
            var replica = service.Replicas[i];
            client.WithEnvironment($"services__{service.Name}__http__{i}", replica.GetEndpoint("http")).WaitFor(replica);
        }
        return client;
    }
}
