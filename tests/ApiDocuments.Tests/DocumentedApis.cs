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
/// Both APIs in this process over the AppHost's real servers (<see cref="InProcessApis{TRegistration, TAdmin}"/>):
/// the routes each one maps, and a client to each, one of them with the API reference turned off.
/// </summary>
public sealed class DocumentedApis : InProcessApis<RegistrationApi::Program, AdminApi::Program>
{
    /// <summary>The admin API with ApiReference:Enabled=false, as a production deployment may set it.</summary>
    public HttpClient AdminWithoutReference { get; private set; } = null!;

    /// <summary>Another client of the in-process admin API, for its own credential.</summary>
    public HttpClient NewAdminClient() => AdminApi.CreateClient();

    public IReadOnlyList<MappedRoute> RegistrationRoutes => Routes(RegistrationApi.Services);
    public IReadOnlyList<MappedRoute> AdminRoutes => Routes(AdminApi.Services);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        AdminWithoutReference = Start<AdminApi::Program>(new Dictionary<string, string?> { ["ApiReference:Enabled"] = "false" }).CreateClient();
    }

    private static List<MappedRoute> Routes(IServiceProvider services) =>
    [
        .. services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(method => new MappedRoute(method,
                "/" + (e.RoutePattern.RawText ?? "").Trim('/'),
                e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IExcludeFromDescriptionMetadata>()?.ExcludeFromDescription == true))),
    ];
}

[CollectionDefinition(Name)]
public sealed class ApisCollection : ICollectionFixture<DocumentedApis>
{
    public const string Name = "in-process apis";
}
