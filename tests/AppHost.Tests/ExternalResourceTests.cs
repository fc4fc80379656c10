using ClientPlatform.Hosting;
using ClientPlatform.Hosting.Testing;

namespace ClientPlatform.AppHost.Tests;

/// <summary>
/// A configured connection string replaces the server the AppHost would start, as Aspire's
/// AddConnectionString does: nothing is started for it, and it is probed where it is.
/// </summary>
public sealed class ExternalResourceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Start_WithConnectionStringsConfigured_UsesTheExistingServersAndStartsNone()
    {
        // Arrange: servers run by one application model…
        await using var existing = DistributedApplicationTestingBuilder.Create(b =>
        {
            b.AddPostgres("pg").AddDatabase("db");
            b.AddRedis("cache");
        }).Build();
        await existing.StartAsync(Ct);
        await existing.WaitForAllHealthyAsync(Ct);

        // …named by connection string to a second one.
        await using var app = DistributedApplicationTestingBuilder.Create(b =>
        {
            b.AddPostgres("pg").AddDatabase("db");
            b.AddRedis("cache");
        }, new Dictionary<string, string?>
        {
            ["ConnectionStrings:db"] = existing.GetConnectionString("db"),
            ["ConnectionStrings:cache"] = existing.GetConnectionString("cache"),
        }).Build();

        // Act
        await app.StartAsync(Ct);
        await app.WaitForAllHealthyAsync(Ct);

        // Assert
        Assert.Equal(existing.GetConnectionString("db"), app.GetConnectionString("db"));
        Assert.Equal(ResourceStates.Unused, app.GetReplicas("pg").Single().State);
        Assert.All(app.GetReplicas("db").Concat(app.GetReplicas("cache")), r =>
        {
            Assert.True(r.IsHealthy);
            Assert.Null(r.Pid);
            Assert.StartsWith("external", r.Message);
        });
    }

    [Fact]
    public async Task Start_WithUnreachableConnectionString_NeverReportsHealthy()
    {
        await using var app = DistributedApplicationTestingBuilder.Create(b => b.AddRedis("cache"),
            new Dictionary<string, string?> { ["ConnectionStrings:cache"] = "127.0.0.1:1,password=x" }).Build();
        await app.StartAsync(Ct);

        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => app.WaitForAllHealthyAsync(wait.Token));

        Assert.Contains("cache", error.Message);
        Assert.False(app.GetReplicas("cache").Single().IsHealthy);
    }
}
