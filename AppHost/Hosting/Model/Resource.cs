namespace ClientPlatform.Hosting;

/// <summary>A named part of the application model: a server, a database, a project, a parameter.</summary>
public abstract class Resource(string name)
{
    public string Name { get; } = name;

    /// <summary>Shown in the dashboard: postgres, database, redis, rabbitmq, project.</summary>
    public abstract string Kind { get; }

    /// <summary>How many processes run this resource (only projects have more than one).</summary>
    public int Replicas { get; internal set; } = 1;

    /// <summary>Resources that must be healthy before this one starts (<c>WaitFor</c>).</summary>
    internal List<Resource> WaitsFor { get; } = [];

    /// <summary>Resources this one is given the address of (<c>WithReference</c>).</summary>
    internal List<Resource> References { get; } = [];

    internal List<(string Name, Func<string> Value)> Environment { get; } = [];

    public override string ToString() => Name;
}

/// <summary>A resource that has a connection string (Aspire's <c>IResourceWithConnectionString</c>).</summary>
public interface IResourceWithConnectionString
{
    string Name { get; }

    /// <summary>Known once ports and passwords are allocated, or the configured external one.</summary>
    string ConnectionString { get; }
}
