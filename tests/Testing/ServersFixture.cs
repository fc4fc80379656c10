using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using ClientPlatform.AppHost;
using ClientPlatform.ServiceDefaults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace ClientPlatform.Testing;

/// <summary>
/// The AppHost's PostgreSQL, Redis and RabbitMQ, with the migrator run first, started once per test project from the
/// AppHost itself with Aspire.Hosting.Testing, on free ports with a throwaway state folder; and of the AppHost's
/// projects only those a fixture keeps (<see cref="KeptProjects"/>): a test that brings its services in process
/// (<see cref="InProcessApis"/>) or as images needs no others. <see cref="PlatformFixture"/> keeps them all. Rate limits
/// are off: these tests share one address and one admin credential. ScaleOut.Tests keeps them on.
/// </summary>
public class ServersFixture : IAsyncLifetime
{
    /// <summary>Tests run the public API as several replicas, as production does: 3, and the admin API at 1.</summary>
    public const int RegistrationReplicas = 3;

    /// <summary>How the servers run for this test run (the AppHost's <c>--servers</c>): unset, the AppHost's own choice.</summary>
    public const string ServersVariable = "CLIENTPLATFORM_TEST_SERVERS";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly Dictionary<string, string> _connectionStrings = [];

    public ServersFixture() : this(new Dictionary<string, string?> { [AppHostSettings.ServiceSetting("RateLimits:Enabled")] = "false" })
    {
    }

    /// <summary>A platform with these AppHost settings (see <see cref="AppHostSettings.ServiceSetting"/>).</summary>
    protected ServersFixture(IReadOnlyDictionary<string, string?> settings) => _settings = settings;

    /// <summary>
    /// The AppHost's projects to run beside the servers: the migrator by default, which brings the schema up to date and
    /// sets the services' role passwords; every project when null.
    /// </summary>
    protected virtual IReadOnlyCollection<string>? KeptProjects => [ResourceNames.Migrate];

    /// <summary>
    /// Aspire's dashboard, with every service exporting its logs, traces and metrics to it, as under <c>./run.sh</c>.
    /// Off for tests (Aspire.Hosting.Testing's default); the benchmarks turn it on, since that export is part of what
    /// a request costs on the platform users start (issue 13).
    /// </summary>
    protected virtual bool WithDashboard => false;

    /// <summary>
    /// Whether the test clients retry (Aspire's default). False where answers are counted (ScaleOut.Tests); a test that
    /// times one answer sends it once whatever this says (<see cref="SingleAttemptReplicaClient"/>).
    /// </summary>
    protected virtual bool ClientsRetry => true;

    public DistributedApplication App { get; private set; } = null!;

    /// <summary>Each resource's console output since the start (what the dashboard's console logs show).</summary>
    public ResourceLogs Logs { get; } = new();

    public HttpClient Gateway { get; private set; } = null!;

    /// <summary>The folder the servers keep their data in for this run (deleted at the end).</summary>
    public string StateDirectory { get; } = ThrowawayFolder();

    /// <summary>The bootstrap admin credential both APIs were given.</summary>
    public string AdminSecret { get; private set; } = "";

    public virtual async ValueTask InitializeAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            [$"{AppHostSettings.Section}:GatewayPort"] = "0",
            [$"{AppHostSettings.Section}:StateDirectory"] = StateDirectory,
            [$"{AppHostSettings.Section}:EphemeralData"] = "true",
            [$"{AppHostSettings.Section}:Replicas:RegistrationApi"] = RegistrationReplicas.ToString(),
            [$"{AppHostSettings.Section}:Replicas:AdminApi"] = "1",
            // These tests stop, kill and start resources themselves, each at its moment; the supervisor restarting them
            // meanwhile would race them. Supervision is tested on the AppHost binary (AppHost.Tests: SelfHealingTests).
            [$"{AppHostSettings.Section}:Supervision:Enabled"] = "false",
        };
        // Without the dashboard, no OTLP endpoint either: services given one with nothing behind it retry every export,
        // and each spent 10 s of its stop on that (OpenTelemetry's retries while flushing).
        settings[$"{AppHostSettings.Section}:DashboardPort"] = WithDashboard ? FreeTcpPort.NextForDashboard().ToString() : "0";
        // ./test.sh runs the end-to-end tests a second time with PostgreSQL, Redis and RabbitMQ as containers (issue 32).
        if (Environment.GetEnvironmentVariable(ServersVariable) is { Length: > 0 } servers)
            settings[$"{AppHostSettings.Section}:Servers"] = servers;
        foreach (var (key, value) in _settings)
            settings[key] = value;

        using var timeout = new CancellationTokenSource(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            [.. settings.Where(s => s.Value is not null).Select(s => $"--{s.Key}={s.Value}")],
            (options, _) => options.DisableDashboard = !WithDashboard, timeout.Token);
        builder.Services.AddSingleton<ILoggerProvider>(Logs);
        // Aspire's testing builder gives each client the standard resilience handler, whose retries can hide a 5xx answered
        // right the second time and spend a second rate-limit permit on a read that timed out (a 1,001st read of 1,000 was
        // answered 429). A fixture whose tests count answers sees each one as a user would (ClientsRetry).
        if (!ClientsRetry)
#pragma warning disable EXTEXP0001 // evaluation API of Microsoft.Extensions.Http.Resilience; test code only
            builder.Services.ConfigureHttpClientDefaults(http => http.RemoveAllResilienceHandlers());
#pragma warning restore EXTEXP0001
        builder.Services.AddLogging(logging => logging.AddFilter<ResourceLogs>(null, LogLevel.Trace));
        Shape(builder);
        App = await builder.BuildAsync(timeout.Token);
        await App.StartAsync(timeout.Token);
        await WaitForAllHealthyAsync(timeout.Token);

        if (builder.Resources.Any(r => r.Name == ResourceNames.Gateway))
            Gateway = App.CreateHttpClient(ResourceNames.Gateway);
        foreach (var name in new[] { ResourceNames.ClientsDb, ResourceNames.Cache, ResourceNames.Messaging })
            _connectionStrings[name] = (await App.GetConnectionStringAsync(name, timeout.Token))!;
        AdminSecret = (await Parameter("admin-api-secret").GetValueAsync(timeout.Token))!;
    }

    /// <summary>Changes the AppHost's model before it starts: by default, removes the projects not kept.</summary>
    protected virtual void Shape(IDistributedApplicationTestingBuilder builder)
    {
        if (KeptProjects is not { } kept)
            return;
        foreach (var project in builder.Resources.OfType<ProjectResource>().Where(p => !kept.Contains(p.Name)).ToList())
            builder.Resources.Remove(project);
    }

    /// <summary>The connection string the services were given for <paramref name="name"/> (clientsdb, cache, messaging).</summary>
    public string ConnectionString(string name) => _connectionStrings[name];

    /// <summary>
    /// Every service (replicas included) and every server healthy, or running where it has no health check.
    /// Aspire's own helper resources (the hidden per-project rebuilders) are not ours to wait for.
    /// </summary>
    public async Task WaitForAllHealthyAsync(CancellationToken cancellationToken)
    {
        var model = App.Services.GetRequiredService<DistributedApplicationModel>();
        await Task.WhenAll(model.Resources
            .Where(r => r is ProjectResource && r.Name != ResourceNames.Migrate || r is IResourceWithConnectionString && r is not ParameterResource)
            .Select(r => App.ResourceNotifications.WaitForResourceHealthyAsync(r.Name, cancellationToken)));
    }

    /// <summary>The replicas of a service (<c>registration-api-1</c>, <c>-2</c>, …) as they are now.</summary>
    public IReadOnlyList<Replica> Replicas(string service) =>
        [.. Enumerable.Range(0, ReplicaCount(service)).Select(i => Replica.Of(App, ProjectReplicas.ReplicaName(service, i)))];

    public Replica Resource(string name) => Replica.Of(App, name);

    /// <summary>A service's replicas, or the resource of that name when it runs once (a server, the gateway).</summary>
    public IReadOnlyList<Replica> Instances(string name) => ReplicaCount(name) > 0 ? Replicas(name) : [Resource(name)];

    /// <summary>An HTTP client to one replica, bypassing the gateway.</summary>
    public HttpClient ReplicaClient(string service, int index) => App.CreateHttpClient(ProjectReplicas.ReplicaName(service, index));

    /// <summary>
    /// An HTTP client to one replica that sends each request once, whatever <see cref="ClientsRetry"/> says: for a test that
    /// times one answer, which a retried 503 (honouring its Retry-After) would lengthen or a retried timeout would hide.
    /// </summary>
    public HttpClient SingleAttemptReplicaClient(string service, int index) =>
        new() { BaseAddress = App.GetEndpoint(ProjectReplicas.ReplicaName(service, index), "http"), Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>Kills a replica's process outright (SIGKILL), as a crash would.</summary>
    public void KillReplica(string service, int index) => Replicas(service)[index].Kill();

    /// <summary>Aspire's own start and stop commands, as the dashboard's buttons run them.</summary>
    public async Task StopAsync(string resource, CancellationToken cancellationToken)
    {
        await Command(resource, KnownResourceCommands.StopCommand, cancellationToken);
        await WaitForStoppedAsync(resource, cancellationToken);
    }

    /// <summary>The resource has stopped (by a command, or because its process died): Exited, Finished or FailedToStart.</summary>
    public async Task WaitForStoppedAsync(string resource, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(CommandTimeout);
        try
        {
            await App.ResourceNotifications.WaitForResourceAsync(resource, KnownResourceStates.TerminalStates, limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{resource} did not stop within {CommandTimeout.TotalSeconds} s: it is {Resource(resource).State}.");
        }
    }

    public async Task StartAsync(string resource, CancellationToken cancellationToken)
    {
        // A resource whose process died may already be started again by the AppHost's supervisor (issue 36).
        if (Resource(resource).State is not { } state || (state != KnownResourceStates.Running && state != KnownResourceStates.Starting))
            await Command(resource, KnownResourceCommands.StartCommand, cancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(CommandTimeout);
        try
        {
            // Running first: just after the start command the last state published may still be the stop's (Exited), and
            // Aspire's health wait gives up at once on a stopped resource ("it failed to start") — seen in CI.
            await App.ResourceNotifications.WaitForResourceAsync(resource, KnownResourceStates.Running, limit.Token);
            await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{resource} was not healthy within {CommandTimeout.TotalSeconds} s of its start: it is {Resource(resource).State}.");
        }
    }

    private async Task Command(string resource, string command, CancellationToken cancellationToken)
    {
        var target = App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == resource);
        var result = await App.ResourceCommands.ExecuteCommandAsync(target, command, cancellationToken);
        if (!result.Success)
            throw new InvalidOperationException($"{command} {resource} failed: {result.Message}");
    }

    /// <summary>The value of one of the AppHost's parameters (a generated secret, say), as the services were given it.</summary>
    public async Task<string?> ParameterValueAsync(string name, CancellationToken cancellationToken) =>
        await Parameter(name).GetValueAsync(cancellationToken);

    private ParameterResource Parameter(string name) =>
        App.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ParameterResource>().Single(p => p.Name == name);

    private int ReplicaCount(string service) =>
        App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Count(r => r.Name.StartsWith(service + "-", StringComparison.Ordinal)
            && int.TryParse(r.Name.AsSpan(service.Length + 1), out _));

    public virtual async ValueTask DisposeAsync()
    {
        Gateway?.Dispose();
        if (App is not null)
            await App.DisposeAsync();
        // Servers run as containers: their data volumes, marked by this run's state folder, go with it.
        if (StateFolder.VolumesOf(StateDirectory) is { Count: > 0 } volumes)
            await Podman.RunAsync(["volume", "rm", "--force", .. volumes]);
        try
        {
            Directory.Delete(StateDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A server still closing its files: the folder is under /tmp and harmless.
        }
        GC.SuppressFinalize(this);
    }

    private static string ThrowawayFolder()
    {
        var state = Directory.CreateTempSubdirectory("clientplatform-test-");
        // Servers that refuse root run as their own user and must be able to enter the folder.
        File.SetUnixFileMode(state.FullName, (UnixFileMode)0b111_101_101);
        return state.FullName;
    }
}
