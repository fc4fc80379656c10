namespace ClientPlatform.Hosting;

/// <summary>A .NET project, run from the DLL its build produced, once per replica.</summary>
public sealed class ProjectResource(string name, IProjectMetadata project) : Resource(name)
{
    public override string Kind => "project";

    public IProjectMetadata Project { get; } = project;

    /// <summary>Port of a single-replica project's HTTP endpoint; 0 = any free port.</summary>
    internal int RequestedPort { get; set; }

    internal string? HealthCheckPath { get; set; }

    /// <summary>Marked for public ingress (only meaningful when publishing, as in Aspire).</summary>
    public bool IsExternal { get; internal set; }

    /// <summary>One port per replica, allocated when the application starts.</summary>
    public IReadOnlyList<int> Ports { get; internal set; } = [];

    public IEnumerable<string> EndpointUrls => Ports.Select(p => $"http://127.0.0.1:{p}");
}
