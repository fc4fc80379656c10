namespace ClientPlatform.Hosting;

public static class ProjectResourceBuilderExtensions
{
    public static IResourceBuilder<ProjectResource> AddProject<TProject>(this IDistributedApplicationBuilder builder, string name)
        where TProject : IProjectMetadata, new() =>
        builder.AddResource(new ProjectResource(name, new TProject()));

    /// <summary>Runs <paramref name="replicas"/> processes of the project, each on its own port.</summary>
    public static IResourceBuilder<ProjectResource> WithReplicas(this IResourceBuilder<ProjectResource> builder, int replicas)
    {
        if (replicas < 1)
            throw new HostingException($"{builder.Resource.Name}: the replica count must be at least 1, not {replicas}.");
        builder.Resource.Replicas = replicas;
        return builder;
    }

    /// <summary>Fixes the HTTP port of a single-replica project (0 = any free port).</summary>
    public static IResourceBuilder<ProjectResource> WithHttpEndpoint(this IResourceBuilder<ProjectResource> builder, int port)
    {
        builder.Resource.RequestedPort = port;
        return builder;
    }

    /// <summary>The resource is healthy once <paramref name="path"/> answers 200.</summary>
    public static IResourceBuilder<ProjectResource> WithHttpHealthCheck(this IResourceBuilder<ProjectResource> builder, string path)
    {
        builder.Resource.HealthCheckPath = path;
        return builder;
    }

    /// <summary>Public ingress: listens on every loopback address (<c>localhost</c>), not only 127.0.0.1.</summary>
    public static IResourceBuilder<ProjectResource> WithExternalHttpEndpoints(this IResourceBuilder<ProjectResource> builder)
    {
        builder.Resource.IsExternal = true;
        return builder;
    }
}
