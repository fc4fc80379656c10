extern alias AdminApi;
extern alias RegistrationApi;
using ClientPlatform.ServiceDefaults;
using Aspire.Hosting.Testing;
using ClientPlatform.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ClientPlatform.ApiDocuments.Tests;

/// <summary>A route a service maps: its method and pattern, and whether it is left out of the document on purpose.</summary>
public sealed record MappedRoute(string Method, string Pattern, bool Excluded);

/// <summary>
/// Both APIs in this process (WebApplicationFactory, Development, as ./run.sh runs them) over the AppHost's real
/// PostgreSQL, Redis and RabbitMQ, started once for the run: the routes each one maps, and a client to it.
/// </summary>
public sealed class InProcessApis : ServersFixture
{
    private Service<RegistrationApi::Program>? _registration;
    private Service<AdminApi::Program>? _admin;
    private Service<AdminApi::Program>? _adminWithoutReference;

    public HttpClient Registration { get; private set; } = null!;
    public HttpClient Admin { get; private set; } = null!;

    /// <summary>The admin API with ApiReference:Enabled=false, as a production deployment may set it.</summary>
    public HttpClient AdminWithoutReference { get; private set; } = null!;

    /// <summary>Another client of the in-process admin API, for its own credential.</summary>
    public HttpClient NewAdminClient() => _admin!.CreateClient();

    public IReadOnlyList<MappedRoute> RegistrationRoutes => Routes(_registration!.Services);
    public IReadOnlyList<MappedRoute> AdminRoutes => Routes(_admin!.Services);

    /// <summary>
    /// The migrator and the audit worker of the AppHost beside the servers: the admin API asks the worker to verify the
    /// audit chain (only it holds the chain's key), and the worker connects as the role the migrator sets up.
    /// </summary>
    protected override IReadOnlyCollection<string> KeptProjects => [ResourceNames.Migrate, ResourceNames.AuditWorker];

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var settings = new Dictionary<string, string?>
        {
            [$"services:{ResourceNames.AuditWorker}:http:0"] = App.GetEndpoint(ResourceNames.AuditWorker, "http").ToString(),
            [$"ConnectionStrings:{ResourceNames.ClientsDb}"] = ConnectionString(ResourceNames.ClientsDb),
            [$"ConnectionStrings:{ResourceNames.Cache}"] = ConnectionString(ResourceNames.Cache),
            [$"ConnectionStrings:{ResourceNames.Messaging}"] = ConnectionString(ResourceNames.Messaging),
            ["ADMIN_API_SECRET"] = AdminSecret,
            ["RateLimits:Enabled"] = "false",
        };
        _registration = new Service<RegistrationApi::Program>(settings);
        _admin = new Service<AdminApi::Program>(settings);
        _adminWithoutReference = new Service<AdminApi::Program>(new Dictionary<string, string?>(settings) { ["ApiReference:Enabled"] = "false" });
        Registration = _registration.CreateClient();
        Admin = _admin.CreateClient();
        AdminWithoutReference = _adminWithoutReference.CreateClient();
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var service in new IAsyncDisposable?[] { _registration, _admin, _adminWithoutReference })
            if (service is not null)
                await service.DisposeAsync();
        await base.DisposeAsync();
    }

    private static List<MappedRoute> Routes(IServiceProvider services) =>
    [
        .. services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(method => new MappedRoute(method,
                "/" + (e.RoutePattern.RawText ?? "").Trim('/'),
                e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IExcludeFromDescriptionMetadata>()?.ExcludeFromDescription == true))),
    ];

    private sealed class Service<TProgram>(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<TProgram> where TProgram : class
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment(Environments.Development);
            foreach (var (key, value) in settings)
                builder.UseSetting(key, value);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ApisCollection : ICollectionFixture<InProcessApis>
{
    public const string Name = "in-process apis";
}
