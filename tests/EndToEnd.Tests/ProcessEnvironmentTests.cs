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
public sealed class ProcessEnvironmentTests(EndToEndPlatform platform)
{
    [Fact]
    public void Replica_ReceivesConnectionStringsAndTelemetryIdentity_ByAspireNames()
    {
        var replicas = platform.Replicas(ResourceNames.RegistrationApi);
        var replica = replicas[^1];

        var environment = EnvironmentOf(replica.Pid!.Value);

        var database = new NpgsqlConnectionStringBuilder(environment["ConnectionStrings__clientsdb"]);
        Assert.Equal(ResourceNames.ClientsDb, database.Database);
        Assert.Contains(",password=", environment["ConnectionStrings__cache"]);
        Assert.Equal("amqp", new Uri(environment["ConnectionStrings__messaging"]).Scheme);
        // Aspire's telemetry identity: the resource's name, and an instance id of its own per process.
        Assert.Equal(replica.Name, environment["OTEL_SERVICE_NAME"]);
        Assert.StartsWith("service.instance.id=", environment["OTEL_RESOURCE_ATTRIBUTES"]);
        // This platform runs without the dashboard and names no collector: no export endpoint, so no export retried into
        // nothing every second, nor 10 s of it at every stop (AppHost Dashboard.cs). With the dashboard, AppHost.Tests
        // reads the services' traces back from it.
        Assert.False(environment.ContainsKey("OTEL_EXPORTER_OTLP_ENDPOINT"));
        // Two named Kestrel endpoints: its own URL, and the HTTP/2-only one the gateway uses.
        Assert.Equal(replica.Url, environment["Kestrel__Endpoints__http__Url"]);
        Assert.Equal("Http2", environment["Kestrel__Endpoints__h2__Protocols"]);
        Assert.NotEqual(environment["Kestrel__Endpoints__http__Url"], environment["Kestrel__Endpoints__h2__Url"]);
        // Issue 31: the internet-facing API never holds the bootstrap admin secret; only the admin API does.
        Assert.False(environment.ContainsKey("ADMIN_API_SECRET"));
        Assert.False(string.IsNullOrEmpty(EnvironmentOf(platform.Replicas(ResourceNames.AdminApi).Single().Pid!.Value)["ADMIN_API_SECRET"]));
    }

    [Fact]
    public void Gateway_ReceivesOneServiceEndpointPerReplica()
    {
        var gateway = platform.Resource(ResourceNames.Gateway);
        var environment = EnvironmentOf(gateway.Pid!.Value);

        // Each replica's own address, not a proxy's: the gateway balances each request over them (AppHost/README.md, Running without containers).
        var registration = platform.Replicas(ResourceNames.RegistrationApi).Select(r => r.Url).ToList();
        Assert.Equal(PlatformFixture.RegistrationReplicas, registration.Distinct().Count());
        for (var i = 0; i < registration.Count; i++)
        {
            Assert.Equal(registration[i], environment[$"services__{ResourceNames.RegistrationApi}__http__{i}"]);
            var replica = EnvironmentOf(platform.Replicas(ResourceNames.RegistrationApi)[i].Pid!.Value);
            Assert.Equal(replica["Kestrel__Endpoints__h2__Url"], environment[$"services__{ResourceNames.RegistrationApi}__h2__{i}"]);
        }
        Assert.Equal(platform.Replicas(ResourceNames.AdminApi).Single().Url, environment[$"services__{ResourceNames.AdminApi}__http__0"]);
        Assert.DoesNotContain(environment.Keys, k => k.StartsWith("ConnectionStrings__", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryService_RunsInASessionOfItsOwn_AsTheProcessTheDashboardNames()
    {
        // Linux shares the CPU between sessions first (autogroup): in DCP's one session, a replica restarted on a busy
        // machine got a thread's part of it (AppHost ProjectReplicas.OwnSession, issue 36).
        var services = platform.Instances(ResourceNames.RegistrationApi).Concat(platform.Instances(ResourceNames.AdminApi))
            .Append(platform.Resource(ResourceNames.Gateway)).Append(platform.Resource(ResourceNames.AuditWorker)).ToList();

        foreach (var service in services)
        {
            var pid = service.Pid!.Value;
            // The pid Aspire shows is the service itself, running (setsid exec'd it, not forked and gone).
            Assert.EndsWith(".dll", File.ReadAllText($"/proc/{pid}/cmdline").TrimEnd('\0'));
            Assert.True(pid == Native.SessionOf(pid), $"{service.Name} ({pid}) is in session {Native.SessionOf(pid)}");
        }
    }

    [Fact]
    public void Servers_PasswordsAreOnNoCommandLine()
    {
        // Issue 31: any local user can read a process's command line (ps). So no process on this machine — the servers,
        // run as executables or as containers (whose processes are this machine's too), and whatever started them —
        // shows a server's password or Redis's requirepass: Redis reads its password from a file.
        var passwords = new[]
        {
            new StackExchangeRedisConnectionString(platform.ConnectionString(ResourceNames.Cache)).Password,
            new Npgsql.NpgsqlConnectionStringBuilder(platform.ConnectionString(ResourceNames.ClientsDb)).Password!,
            new Uri(platform.ConnectionString(ResourceNames.Messaging)).UserInfo.Split(':')[1],
        };
        var commandLines = Directory.EnumerateDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _))
            .Select(d => { try { return Encoding.UTF8.GetString(File.ReadAllBytes($"{d}/cmdline")).Replace('\0', ' '); } catch (IOException) { return ""; } })
            .ToList();

        Assert.Contains(commandLines, c => c.Contains("redis-server", StringComparison.Ordinal));
        foreach (var secret in passwords.Append("requirepass"))
            Assert.DoesNotContain(commandLines, c => c.Contains(secret, StringComparison.Ordinal));
    }

    /// <summary>The password of a StackExchange.Redis connection string (<c>host:port,password=…</c>).</summary>
    private sealed record StackExchangeRedisConnectionString(string Value)
    {
        public string Password => Value.Split(',').Single(p => p.StartsWith("password=", StringComparison.Ordinal))["password=".Length..];
    }

    private static Dictionary<string, string> EnvironmentOf(int pid) =>
        Encoding.UTF8.GetString(File.ReadAllBytes($"/proc/{pid}/environ"))
            .Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(e => e.Split('=', 2))
            .ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "");
}
