using ClientPlatform.ServiceDefaults;
using ClientPlatform.Testing;
using Npgsql;

namespace ClientPlatform.Images.Tests;

/// <summary>
/// The four images deployed as deploy/ deploys them, on the AppHost's servers (nothing else of the AppHost
/// runs): a fresh database, the registration API started before the migrator (it must wait, not
/// migrate), the migrator run twice, then the admin API, the audit worker and the gateway with its admin listener.
/// </summary>
public sealed class DeployedImages : ServersFixture
{
    /// <summary>No project of the AppHost: the images are the services here, and their migrator runs on its own database.</summary>
    protected override IReadOnlyCollection<string>? KeptProjects => [];

    public const string Database = "clientsdb_images";
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan JobTimeout = TimeSpan.FromSeconds(120);
    private readonly List<Container> _containers = [];

    public string ImagesDatabase { get; private set; } = "";

    public Dictionary<string, Container> Services { get; } = [];

    /// <summary>Each service's HTTP port on this machine (the containers share its network).</summary>
    public Dictionary<string, int> Ports { get; } = [];

    public int GatewayAdminPort { get; private set; }

    public (int Status, string Body) RegistrationHealthBeforeMigration { get; private set; }

    public string RegistrationLogBeforeMigration { get; private set; } = "";

    public (int ExitCode, string Output) FirstMigration { get; private set; }

    public (int ExitCode, string Output) SecondMigration { get; private set; }

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        ImagesDatabase = await CreateDatabaseAsync();
        foreach (var image in ServiceImages.Services)
            Ports[image] = FreeTcpPort.Next();
        GatewayAdminPort = FreeTcpPort.Next();

        var registration = StartService(ServiceImages.RegistrationApi, ApiEnvironment(ServiceImages.RegistrationApi));
        await WaitForAsync(() => registration.Output.Contains("Waiting for the migrator", StringComparison.Ordinal), "the registration API to wait for the migrator");
        RegistrationHealthBeforeMigration = await HealthAsync(ServiceImages.RegistrationApi);
        RegistrationLogBeforeMigration = registration.Output;

        var job = new Dictionary<string, string> { [$"ConnectionStrings__{ResourceNames.ClientsDb}"] = ImagesDatabase };
        FirstMigration = await Container.RunAsync(ServiceImages.Migrator, "migrate", job, JobTimeout);
        SecondMigration = await Container.RunAsync(ServiceImages.Migrator, "migrate", job, JobTimeout);

        StartService(ServiceImages.AdminApi, ApiEnvironment(ServiceImages.AdminApi));
        StartService(ServiceImages.AuditWorker, new Dictionary<string, string>
        {
            [$"ConnectionStrings__{ResourceNames.ClientsDb}"] = ImagesDatabase,
            [$"ConnectionStrings__{ResourceNames.Messaging}"] = ConnectionString(ResourceNames.Messaging),
            ["ASPNETCORE_HTTP_PORTS"] = Ports[ServiceImages.AuditWorker].ToString(),
            // The audit chain's key, the worker's alone; checkpoints go to its log only here.
            ["AuditChain__Keys__images-1"] = "images-test-audit-chain-key-0123456789abcdef",
            ["AuditChain__CurrentKeyId"] = "images-1",
        });
        StartService(ServiceImages.Gateway, new Dictionary<string, string>
        {
            [$"services__{ResourceNames.RegistrationApi}__http__0"] = $"http://127.0.0.1:{Ports[ServiceImages.RegistrationApi]}",
            [$"services__{ResourceNames.AdminApi}__http__0"] = $"http://127.0.0.1:{Ports[ServiceImages.AdminApi]}",
            ["ASPNETCORE_HTTP_PORTS"] = $"{Ports[ServiceImages.Gateway]};{GatewayAdminPort}",
            ["Gateway__AdminPort"] = GatewayAdminPort.ToString(),
            // Plain HTTP here, as behind a load balancer that terminates TLS; the gateway's own TLS is run by
            // tests/Containers.Tests (compose), and its refusal to start without either by ImageConfigTests.
            ["Gateway__TlsTerminatedUpstream"] = "true",
        });
        // The gateway last: it is ready once its probes find every API ready (each second), and a probe that found an API
        // still starting twice takes that API out until the next one passes.
        foreach (var image in ServiceImages.Services.OrderBy(image => image == ServiceImages.Gateway))
            await WaitForAsync(async () => (await HealthAsync(image)).Status == 200, $"{image} to answer /health with 200");
    }

    public Uri Url(string image, string path) => new($"http://127.0.0.1:{Ports[image]}{path}");

    public async Task<(int Status, string Body)> HealthAsync(string image, string path = Extensions.HealthPath)
    {
        try
        {
            using var response = await Http.GetAsync(Url(image, path));
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        catch (HttpRequestException e)
        {
            return (0, e.Message);
        }
    }

    private Dictionary<string, string> ApiEnvironment(string image) => new()
    {
        [$"ConnectionStrings__{ResourceNames.ClientsDb}"] = ImagesDatabase,
        [$"ConnectionStrings__{ResourceNames.Cache}"] = ConnectionString(ResourceNames.Cache),
        [$"ConnectionStrings__{ResourceNames.Messaging}"] = ConnectionString(ResourceNames.Messaging),
        ["ADMIN_API_SECRET"] = AdminSecret,
        ["ASPNETCORE_HTTP_PORTS"] = Ports[image].ToString(),
        ["Registration__PublicBaseUrl"] = "https://auth.example.test",
        // These tests share one address and one admin credential, as the AppHost's tests do.
        ["RateLimits__Enabled"] = "false",
    };

    private Container StartService(string image, IReadOnlyDictionary<string, string> environment)
    {
        var container = Container.Start(image, image, environment);
        _containers.Add(container);
        Services[image] = container;
        return container;
    }

    private async Task<string> CreateDatabaseAsync()
    {
        var server = new NpgsqlConnectionStringBuilder(ConnectionString(ResourceNames.ClientsDb));
        await using (var connection = new NpgsqlConnection(server.ConnectionString))
        {
            await connection.OpenAsync();
            // The servers are this run's own (a throwaway state folder), so the database is new.
            await using var create = new NpgsqlCommand($"CREATE DATABASE {Database}", connection);
            await create.ExecuteNonQueryAsync();
        }
        server.Database = Database;
        return server.ConnectionString;
    }

    private async Task WaitForAsync(Func<bool> condition, string what) => await WaitForAsync(() => Task.FromResult(condition()), what);

    private async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + ReadyTimeout;
        while (!await condition())
        {
            var exited = _containers.FirstOrDefault(c => c.Exited.IsCompleted);
            if (exited is not null)
                throw new InvalidOperationException($"{exited.Name} exited ({exited.Exited.Result}) while waiting for {what}:\n{exited.Output}");
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Timed out waiting for {what}. Output:\n{string.Join("\n---\n", _containers.Select(c => $"{c.Name}:\n{c.Output}"))}");
            await Task.Delay(250);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var container in _containers)
            await container.DisposeAsync();
        Http.Dispose();
        await base.DisposeAsync();
    }
}
