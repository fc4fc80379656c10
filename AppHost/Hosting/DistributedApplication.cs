using System.Runtime.InteropServices;
using Microsoft.Extensions.Configuration;

namespace ClientPlatform.Hosting;

/// <summary>The running application model: what <c>Build()</c> returns, as in Aspire.</summary>
public sealed class DistributedApplication : IAsyncDisposable
{
    private readonly DistributedApplicationBuilder _builder;
    private readonly Orchestrator _orchestrator;
    private DashboardServer? _dashboard;

    internal DistributedApplication(DistributedApplicationBuilder builder)
    {
        _builder = builder;
        _orchestrator = new Orchestrator(builder.Resources, builder.Options, builder.Configuration);
        _orchestrator.Changed += Report;
    }

    public static IDistributedApplicationBuilder CreateBuilder(string[] args)
    {
        var configuration = AppHostConfiguration.Build(args);
        return new DistributedApplicationBuilder(configuration, AppHostConfiguration.Options(configuration));
    }

    /// <summary>For the testing host: the same model over given settings.</summary>
    internal static IDistributedApplicationBuilder CreateBuilder(IConfiguration configuration, DistributedApplicationOptions options) =>
        new DistributedApplicationBuilder(configuration, options);

    public IReadOnlyList<ResourceReplica> Replicas => _orchestrator.Replicas;

    public DistributedApplicationOptions Options => _builder.Options;

    /// <summary>Where the dashboard listens, once started (null when it is off).</summary>
    public Uri? DashboardUrl => _dashboard?.Url;

    /// <summary>Checks everything that can be checked up front, then starts every resource.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        _orchestrator.Prepare();
        if (Options.DashboardPort > 0)
            _dashboard = await DashboardServer.StartAsync(this, Options.DashboardPort, cancellationToken);
        _orchestrator.Start();
    }

    /// <summary>Waits until every replica of <paramref name="name"/> is healthy; throws if one fails first.</summary>
    public Task WaitForResourceHealthyAsync(string name, CancellationToken cancellationToken = default) =>
        WaitUntilAsync([Resource(name)], cancellationToken);

    public Task WaitForAllHealthyAsync(CancellationToken cancellationToken = default) =>
        WaitUntilAsync(Replicas.Select(r => r.Resource).Distinct().Where(r => Replicas.Any(x => x.Resource == r && x.State != ResourceStates.Unused)).ToList(), cancellationToken);

    private async Task WaitUntilAsync(IReadOnlyList<Resource> resources, CancellationToken cancellationToken)
    {
        while (!resources.All(_orchestrator.IsHealthy))
        {
            if (resources.FirstOrDefault(_orchestrator.HasFailed) is { } failed)
                throw new HostingException(FailureSentence(failed));
            try
            {
                await Task.Delay(100, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                var waiting = resources.SelectMany(_orchestrator.ReplicasOf).Where(r => !r.IsHealthy)
                    .Select(r => $"{r.DisplayName} is {r.State}/{r.Health}{(r.Message is { } m ? $" ({m})" : "")}: " +
                                 string.Join(" / ", r.Log.Tail(5).Select(l => l.Text)));
                throw new OperationCanceledException($"Stopped waiting for health: {string.Join("; ", waiting)}", cancellationToken);
            }
        }
    }

    /// <summary>What the AppHost's Main runs: start, print where things are, run until Ctrl+C or SIGTERM.</summary>
    public async Task<int> RunAsync()
    {
        using var stop = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
        var exitCode = 0;
        var started = false;
        try
        {
            await StartAsync(stop.Token);
            started = true;
            PrintGeneratedSecrets();
            if (DashboardUrl is { } dashboard)
                ConsoleOutput.Status($"dashboard: {dashboard}");
            await WaitForAllHealthyAsync(stop.Token);
            ConsoleOutput.Status($"all resources are healthy. {Entrances()}  Press Ctrl+C to stop.");
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (HostingException e)
        {
            ConsoleOutput.Error($"error: {e.Message}");
            exitCode = 1;
        }
        if (started)
            ConsoleOutput.Status("stopping every resource…");
        await DisposeAsync();
        if (started)
            ConsoleOutput.Status("stopped.");
        return exitCode;

        void Cancel(PosixSignalContext context)
        {
            context.Cancel = true; // we stop in order ourselves
            stop.Cancel();
        }
    }

    public IEnumerable<ResourceReplica> GetReplicas(string name) => _orchestrator.ReplicasOf(Resource(name));

    /// <summary>The connection string a project referencing <paramref name="name"/> receives.</summary>
    public string GetConnectionString(string name) =>
        Resource(name) is IResourceWithConnectionString withConnection
            ? withConnection.ConnectionString
            : throw new ArgumentException($"'{name}' has no connection string.", nameof(name));

    public string GetParameterValue(string name) => ((ParameterResource)Resource(name)).Value;

    /// <summary>The HTTP endpoint of a project's replica.</summary>
    public Uri GetEndpoint(string name, int replica = 0) =>
        new(((ProjectResource)Resource(name)).EndpointUrls.ElementAt(replica));

    public HttpClient CreateHttpClient(string name, int replica = 0) => new() { BaseAddress = GetEndpoint(name, replica) };

    /// <summary>Kills one replica's process with SIGKILL, as a crash would.</summary>
    public void KillReplica(string name, int replica) => _orchestrator.Kill(GetReplicas(name).ElementAt(replica));

    /// <summary>Stops every replica of a resource (a broker outage, a worker going away).</summary>
    public Task StopResourceAsync(string name) => Task.WhenAll(GetReplicas(name).Select(_orchestrator.StopReplicaOnlyAsync));

    /// <summary>Starts every stopped or exited replica of a resource again and waits until it is healthy.</summary>
    public async Task StartResourceAsync(string name, CancellationToken cancellationToken = default)
    {
        foreach (var replica in GetReplicas(name).Where(r => r.State is ResourceStates.Exited or ResourceStates.FailedToStart))
            await _orchestrator.StartAgainAsync(replica);
        await WaitForResourceHealthyAsync(name, cancellationToken);
    }

    public Task StopAsync() => _orchestrator.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _orchestrator.DisposeAsync();
        if (_dashboard is not null)
            await _dashboard.DisposeAsync();
        if (Options.Ephemeral && Directory.Exists(Options.StateDirectory))
            Directory.Delete(Options.StateDirectory, recursive: true);
    }

    internal Resource Resource(string name) =>
        _builder.Resources.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"The application model has no resource named '{name}'.", nameof(name));

    private string FailureSentence(Resource resource)
    {
        var replica = _orchestrator.ReplicasOf(resource).First(r => r.HasFailed);
        var tail = string.Join(Environment.NewLine + "    ", replica.Log.Tail(15).Select(l => l.Text));
        return $"'{replica.DisplayName}' {(replica.State == ResourceStates.Exited ? "exited before it was healthy" : "failed to start")}" +
               $" ({replica.Message}).{(tail.Length > 0 ? $" Its last output:{Environment.NewLine}    {tail}" : "")}";
    }

    private string Entrances() => string.Join("  ", _builder.Resources.OfType<ProjectResource>().Where(p => p.IsExternal)
        .Select(p => $"{p.Name}: http://localhost:{p.Ports[0]}"));

    private void PrintGeneratedSecrets()
    {
        if (!Options.PrintGeneratedSecrets)
            return;
        foreach (var parameter in _builder.Resources.OfType<ParameterResource>().Where(p => p.Generated && p.Secret))
            ConsoleOutput.Status($"{parameter.ConfigurationKey} was not set; generated for this run (shown once): {parameter.Value}");
    }

    private static void Report(ResourceReplica replica)
    {
        var health = replica.State == ResourceStates.Running && replica.Health != HealthStates.Unknown ? $" ({replica.Health.ToLowerInvariant()})" : "";
        var pid = replica.Pid is { } p && replica.State is ResourceStates.Starting or ResourceStates.Running ? $" pid {p}" : "";
        var endpoints = replica.Endpoints.Count > 0 && replica.State == ResourceStates.Running ? $" {string.Join(' ', replica.Endpoints)}" : "";
        var message = replica.Message is { } m ? $" — {m}" : "";
        ConsoleOutput.Status($"{replica.DisplayName}: {replica.State.ToLowerInvariant()}{health}{pid}{endpoints}{message}");
    }
}
