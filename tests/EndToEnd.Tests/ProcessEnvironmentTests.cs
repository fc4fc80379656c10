using System.Text;
using ClientPlatform.ServiceDefaults;
using ClientPlatform.Testing;
using Npgsql;

namespace ClientPlatform.EndToEnd.Tests;

/// <summary>
/// The services see only Aspire's conventions, read from their real process environment: so the same
/// binaries would run unchanged under a real Aspire AppHost or a plain container platform.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ProcessEnvironmentTests(PlatformFixture platform)
{
    [Fact]
    public void Replica_ReceivesConnectionStringsAndTelemetryIdentity_ByAspireNames()
    {
        var replicas = platform.App.GetReplicas(ResourceNames.RegistrationApi).ToList();
        var replica = replicas[^1];

        var environment = EnvironmentOf(replica.Pid!.Value);

        var database = new NpgsqlConnectionStringBuilder(environment["ConnectionStrings__clientsdb"]);
        Assert.Equal(ResourceNames.ClientsDb, database.Database);
        Assert.Contains(",password=", environment["ConnectionStrings__cache"]);
        Assert.Equal("amqp", new Uri(environment["ConnectionStrings__messaging"]).Scheme);
        Assert.Equal(ResourceNames.RegistrationApi, environment["OTEL_SERVICE_NAME"]);
        Assert.Equal($"service.instance.id={ResourceNames.RegistrationApi}-{replicas.Count - 1}", environment["OTEL_RESOURCE_ATTRIBUTES"]);
        Assert.Equal(replica.Endpoints.Single(), environment["ASPNETCORE_URLS"]);
        Assert.False(string.IsNullOrEmpty(environment["ADMIN_API_SECRET"]));
    }

    [Fact]
    public void Gateway_ReceivesOneServiceEndpointPerReplica()
    {
        var gateway = platform.App.GetReplicas(ResourceNames.Gateway).Single();
        var environment = EnvironmentOf(gateway.Pid!.Value);

        var registration = platform.App.GetReplicas(ResourceNames.RegistrationApi).Select(r => r.Endpoints.Single()).ToList();
        Assert.Equal(registration[0], environment[$"services__{ResourceNames.RegistrationApi}__http__0"]);
        Assert.Equal(registration[1], environment[$"services__{ResourceNames.RegistrationApi}__http__1"]);
        Assert.Equal(platform.App.GetReplicas(ResourceNames.AdminApi).Single().Endpoints.Single(),
            environment[$"services__{ResourceNames.AdminApi}__http__0"]);
        Assert.DoesNotContain(environment.Keys, k => k.StartsWith("ConnectionStrings__", StringComparison.Ordinal));
    }

    private static Dictionary<string, string> EnvironmentOf(int pid) =>
        Encoding.UTF8.GetString(File.ReadAllBytes($"/proc/{pid}/environ"))
            .Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(e => e.Split('=', 2))
            .ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "");
}
