using Aspire.Hosting.Testing;
using ClientPlatform.ServiceDefaults;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ClientPlatform.Testing;

/// <summary>
/// Both APIs in this process (WebApplicationFactory on Kestrel, real sockets: a caller has an address and HTTP is parsed
/// as in production; Development, as ./run.sh runs them) over the AppHost's real
/// PostgreSQL, Redis and RabbitMQ, started once per test project, beside the migrator and the audit worker: the admin
/// API asks the worker to verify the audit chain (only it holds the chain's key), and audit events reach the audit log
/// as they do on the platform. The eShop shape: a test of an API starts that API, not the whole platform (no gateway,
/// no replicas); those stay <see cref="PlatformFixture"/>'s subject. The two <c>Program</c> types are given by the test
/// project, which reaches each through its own alias.
/// </summary>
public abstract class InProcessApis<TRegistration, TAdmin> : ServersFixture
    where TRegistration : class where TAdmin : class
{
    private readonly IReadOnlyDictionary<string, string?> _apiSettings;
    private readonly List<IAsyncDisposable> _started = [];

    /// <param name="apiSettings">Settings both APIs get beyond the connection strings (rate limits are off unless given).</param>
    protected InProcessApis(IReadOnlyDictionary<string, string?>? apiSettings = null) => _apiSettings = apiSettings ?? new Dictionary<string, string?>();

    public HttpClient Registration { get; private set; } = null!;
    public HttpClient Admin { get; private set; } = null!;

    /// <summary>What the in-process APIs logged (the worker's and the migrator's lines are in <see cref="ServersFixture.Logs"/>).</summary>
    public CapturedLogs ApiLogs { get; } = new();

    public WebApplicationFactory<TRegistration> RegistrationApi { get; private set; } = null!;
    public WebApplicationFactory<TAdmin> AdminApi { get; private set; } = null!;

    protected override IReadOnlyCollection<string>? KeptProjects => [ResourceNames.Migrate, ResourceNames.AuditWorker];

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        RegistrationApi = Start<TRegistration>();
        AdminApi = Start<TAdmin>();
        Registration = RegistrationApi.CreateClient();
        Admin = AdminApi.CreateClient();
    }

    /// <summary>Another instance of an API in this process, with these settings over the fixture's.</summary>
    public WebApplicationFactory<TProgram> Start<TProgram>(IReadOnlyDictionary<string, string?>? settings = null) where TProgram : class
    {
        var all = new Dictionary<string, string?>
        {
            [$"services:{ResourceNames.AuditWorker}:http:0"] = App.GetEndpoint(ResourceNames.AuditWorker, "http").ToString(),
            [$"ConnectionStrings:{ResourceNames.ClientsDb}"] = ConnectionString(ResourceNames.ClientsDb),
            [$"ConnectionStrings:{ResourceNames.Cache}"] = ConnectionString(ResourceNames.Cache),
            [$"ConnectionStrings:{ResourceNames.Messaging}"] = ConnectionString(ResourceNames.Messaging),
            ["ADMIN_API_SECRET"] = AdminSecret,
            ["RateLimits:Enabled"] = "false",
        };
        foreach (var (key, value) in _apiSettings.Concat(settings ?? new Dictionary<string, string?>()))
            all[key] = value;
        var service = new Service<TProgram>(all, ApiLogs);
        _started.Add(service);
        service.StartServer();
        return service;
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var service in _started)
            await service.DisposeAsync();
        await base.DisposeAsync();
    }

    private sealed class Service<TProgram> : WebApplicationFactory<TProgram> where TProgram : class
    {
        private readonly IReadOnlyDictionary<string, string?> _settings;
        private readonly CapturedLogs _logs;

        public Service(IReadOnlyDictionary<string, string?> settings, CapturedLogs logs)
        {
            (_settings, _logs) = (settings, logs);
            UseKestrel(0);
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment(Environments.Development);
            builder.ConfigureLogging(logging => logging.AddProvider(_logs));
            foreach (var (key, value) in _settings)
                builder.UseSetting(key, value);
        }
    }
}
