namespace ClientPlatform.Hosting;

/// <summary>
/// A server the AppHost runs as a local process from the Debian package (the "embedded default"),
/// unless the configuration names an existing one (Aspire's <c>AddConnectionString</c>).
/// </summary>
public abstract class ServerResource(string name) : Resource(name)
{
    /// <summary>The port the server listens on; 0 until allocated.</summary>
    public int Port { get; internal set; }

    public string Password { get; internal set; } = "";

    /// <summary>Port asked for in the model; 0 = any free port.</summary>
    internal int RequestedPort { get; set; }

    /// <summary>Set when <c>ConnectionStrings:{name}</c> is configured: nothing is started then.</summary>
    public string? ExternalConnectionString { get; internal set; }

    public bool IsExternal => ExternalConnectionString is not null;
}
