using System.Net;
using YamlDotNet.RepresentationModel;

namespace ClientPlatform.Deployment.Tests;

/// <summary>
/// The single-host deployment: docker-compose accepts it, only the gateway is reachable from outside (its admin
/// port from the host alone), every ClientPlatform container is read-only and non-root, and nothing that uses
/// the schema starts before the migration has finished.
/// </summary>
public sealed class ComposeTests
{
    private static readonly Dictionary<string, string> Assemblies = new()
    {
        ["gateway"] = "Gateway.dll",
        ["registration-api"] = "Registration.Api.dll",
        ["admin-api"] = "Admin.Api.dll",
        ["audit-worker"] = "Audit.Worker.dll",
    };

    [Fact]
    public void Compose_ConfigQuiet_AcceptsTheFile()
    {
        var result = ComposeFile.Config(ComposeFile.Required, quiet: true);

        Assert.True(result.ExitCode == 0, $"docker-compose config -q exited {result.ExitCode}:\n{result.Error}");
    }

    [Theory]
    [InlineData("ADMIN_API_SECRET")]
    [InlineData("POSTGRES_PASSWORD")]
    [InlineData("REDIS_PASSWORD")]
    [InlineData("RABBITMQ_PASSWORD")]
    [InlineData("RABBITMQ_REGISTRATION_API_PASSWORD")]
    [InlineData("RABBITMQ_ADMIN_API_PASSWORD")]
    [InlineData("RABBITMQ_AUDIT_WORKER_PASSWORD")]
    [InlineData("POSTGRES_API_PASSWORD")]
    [InlineData("POSTGRES_AUDIT_PASSWORD")]
    [InlineData("AUDIT_CHAIN_KEY")]
    public void Compose_RequiredVariableUnset_RefusesWithItsName(string variable)
    {
        // No service may start with an empty password or admin secret.
        var environment = new Dictionary<string, string?>(ComposeFile.Required) { [variable] = null };

        var result = ComposeFile.Config(environment, quiet: true);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains($"set {variable}", result.Error);
    }

    [Fact]
    public void Compose_Ports_OnlyTheGatewayPublishesAny()
    {
        var publishing = ComposeFile.Services.Where(s => PublishedPort.Of(s.Definition).Count > 0).Select(s => s.Name);

        Assert.Equal(["gateway"], publishing);
    }

    [Fact]
    public void Compose_GatewayPorts_PublicOnEveryInterfaceAndAdminOnLoopbackOnly()
    {
        var ports = PublishedPort.Of(ComposeFile.Service("gateway"));

        Assert.Equal(3, ports.Count);
        foreach (var (target, published) in new[] { (8443, 8443), (8080, 8080) })
        {
            var open = Assert.Single(ports, p => p.Target == target);
            Assert.Equal(published, open.Published);
            Assert.True(open.HostIp is null or "0.0.0.0");
        }
        var admin = Assert.Single(ports, p => p.Target == 8081);
        Assert.Equal(8081, admin.Published);
        Assert.True(admin.HostIp is not null && IPAddress.IsLoopback(IPAddress.Parse(admin.HostIp)), $"admin port bound to {admin.HostIp ?? "every interface"}");
    }

    [Fact]
    public void Compose_OurServices_RunReadOnlyAsAppWithoutPrivileges()
    {
        var ours = ComposeFile.Ours.ToList();

        Assert.Equal(["admin-api", "audit-worker", "broker-definitions", "gateway", "migrate", "registration-api"], ours.Select(s => s.Name).Order());
        Assert.All(ours, service =>
        {
            var (name, definition) = service;
            Assert.True(definition.Scalar("read_only") == "true", $"{name}: read_only");
            Assert.True(definition.Scalar("user") == "1654:1654", $"{name}: user {definition.Scalar("user")}");
            Assert.Contains("/tmp", definition.Strings("tmpfs"));
            Assert.Contains("ALL", definition.Strings("cap_drop"));
            Assert.Contains("no-new-privileges:true", definition.Strings("security_opt"));
            Assert.Null(definition.Node("privileged"));
            Assert.False(string.IsNullOrEmpty(definition.Scalar("restart")), $"{name}: no restart policy");
        });
    }

    [Theory]
    [InlineData("registration-api", new[] { "postgres", "redis", "rabbitmq" })]
    [InlineData("admin-api", new[] { "postgres", "redis", "rabbitmq" })]
    [InlineData("audit-worker", new[] { "postgres", "rabbitmq" })]
    public void Compose_SchemaUser_StartsAfterMigrateSucceededAndItsServersAreHealthy(string service, string[] servers)
    {
        var dependsOn = ComposeFile.Service(service).Map("depends_on")!;

        Assert.Equal("service_completed_successfully", dependsOn.Map("migrate")?.Scalar("condition"));
        Assert.All(servers, server => Assert.Equal("service_healthy", dependsOn.Map(server)?.Scalar("condition")));
    }

    [Fact]
    public void Compose_Migrate_IsTheMigratorImageRunOnceWithOnlyTheDatabase()
    {
        var migrate = ComposeFile.Service("migrate");

        Assert.Equal(ComposeFile.Service("admin-api").Scalar("image")!.Replace("/clientplatform/admin-api:", "/clientplatform/migrator:", StringComparison.Ordinal),
            migrate.Scalar("image"));
        Assert.Empty(migrate.Strings("command"));
        Assert.Equal("no", migrate.Scalar("restart"));
        Assert.Equal(["ConnectionStrings__clientsdb", "Database__ApiRolePassword", "Database__AuditWorkerRolePassword"],
            migrate.Map("environment").Keys().Order());
        Assert.Equal("service_healthy", migrate.Map("depends_on")!.Map("postgres")?.Scalar("condition"));
        Assert.All(ComposeFile.Services.Where(s => s.Name != "migrate"), s => Assert.DoesNotContain("migrate", s.Definition.Strings("command")));
    }

    [Fact]
    public void Compose_Broker_EachServiceConnectsAsItsOwnUser_TheBrokerLoadsThemFirst()
    {
        // Issue 31, item 5: a user per service on the broker; the operator's (clientplatform) is no service's.
        string UserOf(string service) =>
            new Uri(ComposeFile.Service(service).Map("environment")!.Scalar("ConnectionStrings__messaging")!).UserInfo.Split(':')[0];
        var writer = ComposeFile.Service("broker-definitions");
        var rabbitmq = ComposeFile.Service("rabbitmq");

        Assert.Equal("registration-api", UserOf("registration-api"));
        Assert.Equal("admin-api", UserOf("admin-api"));
        Assert.Equal("audit-worker", UserOf("audit-worker"));
        Assert.Equal(["broker-definitions", "/home/app/definitions.json"], writer.Strings("command"));
        Assert.Equal("testrabbitmqregistration", writer.Map("environment")!.Scalar("Broker__Passwords__registration-api"));
        Assert.Equal("service_completed_successfully", rabbitmq.Map("depends_on")!.Map("broker-definitions")?.Scalar("condition"));
        Assert.Null(rabbitmq.Map("environment")?.Scalar("RABBITMQ_DEFAULT_PASS"));
    }

    [Fact]
    public void Compose_HealthChecks_UseEachImagesProbeCommand()
    {
        Assert.All(Assemblies, pair =>
        {
            var test = ComposeFile.Service(pair.Key).Map("healthcheck")!.Strings("test");
            Assert.Equal(["CMD", "dotnet", $"/app/{pair.Value}", "probe"], test);
        });
        Assert.All((string[])["postgres", "redis", "rabbitmq"], server => Assert.NotEmpty(ComposeFile.Service(server).Map("healthcheck")!.Strings("test")));
    }

    [Fact]
    public void Compose_Networks_InternalHasNoRouteOutAndOnlyTheGatewayIsOnTheEdge()
    {
        var networks = ComposeFile.Root.Map("networks")!;
        var internalNetwork = networks.Map("internal")!;

        Assert.Equal("true", internalNetwork.Scalar("internal"));
        Assert.Equal(["gateway"], ComposeFile.Services.Where(s => NetworksOf(s.Definition).Contains("edge")).Select(s => s.Name));
        Assert.All(ComposeFile.Services, s => Assert.Contains("internal", NetworksOf(s.Definition)));
        // The APIs believe X-Forwarded-For from the internal network, where the gateway is, and nobody else.
        var subnet = ((YamlMappingNode)((YamlSequenceNode)internalNetwork.Map("ipam")!.Node("config")!).Children.Single()).Scalar("subnet");
        Assert.All((string[])["registration-api", "admin-api"], api =>
            Assert.Equal(subnet, ComposeFile.Service(api).Map("environment")!.Scalar("ForwardedHeaders__TrustedNetworks__0")));
    }

    [Fact]
    public void Compose_Gateway_ProxiesToTheApisByServiceName()
    {
        var environment = ComposeFile.Service("gateway").Map("environment")!;

        Assert.Equal("http://registration-api:8080", environment.Scalar("services__registration-api__http__0"));
        Assert.Equal("http://admin-api:8080", environment.Scalar("services__admin-api__http__0"));
        Assert.Equal("8081", environment.Scalar("Gateway__AdminPort"));
        Assert.Contains(ComposeFile.Services, s => s.Name == "registration-api");
        Assert.Contains(ComposeFile.Services, s => s.Name == "admin-api");
    }

    [Fact]
    public void Compose_Gateway_TerminatesTlsForPublicAndAdminTraffic_PlainHttpOnlyRedirects()
    {
        var gateway = ComposeFile.Service("gateway");
        var environment = gateway.Map("environment")!;

        // RFC 7591 §5: HTTPS for everyone (8443) and on the admin listener (8081); 8080 only redirects (and answers probes).
        Assert.Equal("https://*:8443", environment.Scalar("Kestrel__Endpoints__Https__Url"));
        Assert.Equal("https://*:8081", environment.Scalar("Kestrel__Endpoints__Admin__Url"));
        Assert.Equal("http://*:8080", environment.Scalar("Kestrel__Endpoints__Http__Url"));
        Assert.Equal("/run/secrets/tls/tls.crt", environment.Scalar("Kestrel__Certificates__Default__Path"));
        Assert.Equal("/run/secrets/tls/tls.key", environment.Scalar("Kestrel__Certificates__Default__KeyPath"));
        Assert.Null(environment.Scalar("Gateway__TlsTerminatedUpstream"));
        Assert.Contains(((YamlSequenceNode)gateway.Node("volumes")!).Children, v => v.ToString().EndsWith(":/run/secrets/tls:ro", StringComparison.Ordinal));
        Assert.StartsWith("https://", ComposeFile.Service("registration-api").Map("environment")!.Scalar("Registration__PublicBaseUrl"));
    }

    [Fact]
    public void Compose_Images_DefaultToTheLocalRegistryAtTheReleaseTag()
    {
        Assert.All(ComposeFile.Ours, s => Assert.Matches("^localhost:5000/clientplatform/[a-z-]+:0\\.1\\.0$", s.Definition.Scalar("image")!));
    }

    [Fact]
    public void Compose_Secrets_OnlyTheAdminApiHoldsTheAdminSecret()
    {
        var holders = ComposeFile.Services.Where(s => s.Definition.Map("environment").Keys().Contains("ADMIN_API_SECRET")).Select(s => s.Name).Order();

        // Issue 31: never the internet-facing registration API.
        Assert.Equal(["admin-api"], holders);
        Assert.All(holders, h => Assert.Equal(ComposeFile.AdminSecret, ComposeFile.Service(h).Map("environment")!.Scalar("ADMIN_API_SECRET")));
    }

    [Fact]
    public void Compose_Database_OnlyTheMigrateJobIsTheOwner_EachServiceItsOwnRole()
    {
        // Issue 31, item 5: no service connects as the schema's owner (here a superuser), so none can alter the audit log.
        string UserOf(string service) => new Npgsql.NpgsqlConnectionStringBuilder(
            ComposeFile.Service(service).Map("environment")!.Scalar("ConnectionStrings__clientsdb")).Username!;

        Assert.Equal("clientplatform", UserOf("migrate"));
        Assert.Equal("clientplatform_api", UserOf("registration-api"));
        Assert.Equal("clientplatform_api", UserOf("admin-api"));
        Assert.Equal("clientplatform_audit", UserOf("audit-worker"));
        Assert.Equal(["audit-worker"], ComposeFile.Services.Where(s => s.Definition.Map("environment").Keys().Any(k => k.StartsWith("AuditChain__Keys__"))).Select(s => s.Name));
    }

    private static IReadOnlyList<string> NetworksOf(YamlMappingNode service) =>
        service.Node("networks") switch
        {
            YamlMappingNode map => map.Keys(),
            YamlSequenceNode list => list.Children.Cast<YamlScalarNode>().Select(n => n.Value!).ToList(),
            _ => ["default"],
        };
}
