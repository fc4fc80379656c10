using System.Net;
using System.Text.RegularExpressions;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using ClientPlatform.ServiceDefaults;
using ClientPlatform.Testing;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace ClientPlatform.AppHost.Tests;

/// <summary>
/// A configured connection string replaces the server the AppHost would start, as Aspire's AddConnectionString
/// does: nothing is started for it, it is probed where it is, and the services are given it unchanged.
/// </summary>
public sealed partial class ExternalResourceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Start_WithConnectionStringsConfigured_UsesTheExistingServersAndStartsNone_ThenSigTermLeavesNoProcess()
    {
        // Arrange: servers run by one Aspire application…
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        limit.CancelAfter(TimeSpan.FromMinutes(4));
        var state = StateFolder.Prepare(Directory.CreateTempSubdirectory("apphost-external-").FullName, fresh: false);
        var servers = BareApplication.Create();
        servers.AddPostgresServer(ResourceNames.Postgres, ServerMode.Executables, state, ephemeral: true).AddDatabase(ResourceNames.ClientsDb);
        servers.AddRedisServer(ResourceNames.Cache, ServerMode.Executables, state);
        servers.AddRabbitMQServer(ResourceNames.Messaging, ServerMode.Executables, state);
        await using var existing = servers.Build();
        await existing.StartAsync(limit.Token);
        string[] names = [ResourceNames.ClientsDb, ResourceNames.Cache, ResourceNames.Messaging];
        var connectionStrings = new Dictionary<string, string>();
        foreach (var name in names)
        {
            await existing.ResourceNotifications.WaitForResourceHealthyAsync(name, limit.Token);
            connectionStrings[name] = (await existing.GetConnectionStringAsync(name, limit.Token))!;
        }

        // …named by connection string to the AppHost, as an operator would.
        var environment = connectionStrings.ToDictionary(c => $"ConnectionStrings__{c.Key}", c => c.Value);
        var gatewayPort = FreeTcpPort.Next();
        await using var host = AppHostProcess.Start(environment,
            "--gateway-port", gatewayPort.ToString(), "--dashboard-port", "0", "--registration-replicas", "1", "--state-dir", $"{state.Path}/platform");

        // Act
        await host.WaitForOutputAsync(ReadyLine(), TimeSpan.FromMinutes(3));
        using var gateway = new HttpClient { BaseAddress = new Uri($"http://localhost:{gatewayPort}") };
        var registered = await gateway.PostAsync("/register",
            new StringContent("""{"redirect_uris":["https://app.example.com/cb"]}""", System.Text.Encoding.UTF8, "application/json"), limit.Token);
        var started = host.Processes();

        // Assert: a working platform on the given servers, and no server of its own.
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        Assert.DoesNotContain(started, p => p.Contains("postgres", StringComparison.Ordinal) || p.Contains("redis-server", StringComparison.Ordinal)
            || p.Contains("beam", StringComparison.Ordinal) || p.Contains("Servers/", StringComparison.Ordinal));
        Assert.Contains(started, p => p.Contains("Registration.Api", StringComparison.Ordinal));
        await using var connection = new NpgsqlConnection(connectionStrings[ResourceNames.ClientsDb]);
        await connection.OpenAsync(limit.Token);
        await using var count = new NpgsqlCommand("SELECT count(*) FROM clients", connection);
        Assert.Equal(1L, await count.ExecuteScalarAsync(limit.Token));
        await RunCommandTests.SignalAndAssertNothingLeftAsync(host, Native.SigTerm);
    }

    [Fact]
    public async Task Start_WithUnreachableConnectionString_NeverReportsHealthy()
    {
        var builder = BareApplication.Create("--ConnectionStrings:cache=127.0.0.1:1,password=x");
        builder.AddExistingServer("cache", ServerHealthChecks.Redis);
        await using var app = builder.Build();
        await app.StartAsync(Ct);

        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => app.ResourceNotifications.WaitForResourceHealthyAsync("cache", wait.Token));

        Assert.True(app.ResourceNotifications.TryGetCurrentState("cache", out var cache));
        Assert.NotEqual(HealthStatus.Healthy, cache.Snapshot.HealthStatus);
    }

    [GeneratedRegex(@"All resources are healthy after")]
    private static partial Regex ReadyLine();
}
