using Microsoft.Extensions.Configuration;

namespace ClientPlatform.Hosting;

/// <summary>What the runners share during one run.</summary>
internal sealed class RunContext(
    DistributedApplicationOptions options, IConfiguration configuration, IReadOnlyList<Resource> resources, PidFile pidFile)
{
    public DistributedApplicationOptions Options { get; } = options;

    public IConfiguration Configuration { get; } = configuration;

    public IReadOnlyList<Resource> Resources { get; } = resources;

    public PidFile PidFile { get; } = pidFile;

    /// <summary>The resource's own folder under the state folder, created on first use.</summary>
    public string DataDirectory(Resource resource)
    {
        var path = Path.Combine(Options.StateDirectory, resource.Name);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>
    /// What every local server needs before it starts: its folder, its password (kept with its data) and
    /// its port (the one asked for, which must be free, or any free one). Returns the folder.
    /// </summary>
    public string PrepareServer(ServerResource server)
    {
        var directory = DataDirectory(server);
        server.Password = Secrets.LoadOrCreate(directory, "password");
        if (server.RequestedPort > 0)
            PortAllocator.EnsureFree(server.RequestedPort, $"'{server.Name}' server");
        server.Port = server.RequestedPort > 0 ? server.RequestedPort : PortAllocator.FreePort();
        return directory;
    }

    /// <summary>Starts a process, records it for the orphan sweep, and feeds its output to the replica's log.</summary>
    public async Task<ManagedProcess> StartProcessAsync(ResourceReplica replica, ProcessSpec spec, string? prefix = null)
    {
        var process = await ManagedProcess.StartAsync(spec, (line, isError) =>
        {
            var text = prefix is null ? line : $"{prefix}{line}";
            replica.Log.Add(text, isError);
            if (Options.EchoResourceLogs)
                ConsoleOutput.ResourceLine(replica.DisplayName, text);
        });
        PidFile.Add(process.Pid, replica.DisplayName);
        return process;
    }
}
