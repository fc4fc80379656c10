using System.Diagnostics;
using System.Net;
using ClientPlatform.ServiceDefaults;
using ClientPlatform.Testing;
using Npgsql;

namespace ClientPlatform.Registration.Api.Tests;

/// <summary>The database is away: a clear, quick 5xx in the RFC's JSON shape, never a stack trace or a hang.</summary>
[Collection(PlatformCollection.Name)]
public sealed class OutageTests(PlatformFixture platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Register_WhileTheDatabaseIsDown_Returns503WithRetryAfterQuickly_ThenWorksAgain()
    {
        // Directly at a replica: the gateway would (rightly) stop routing to replicas whose /health fails.
        using var replica = platform.ReplicaClient(ResourceNames.RegistrationApi, 0);
        await platform.StopAsync(ResourceNames.Postgres, Ct);
        Reply reply;
        var clock = Stopwatch.StartNew();
        try
        {
            reply = await Reply.FromAsync(await replica.PostAsync("/register",
                new StringContent(Api.Minimal, System.Text.Encoding.UTF8, "application/json"), Ct));
        }
        finally
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            timeout.CancelAfter(TimeSpan.FromMinutes(1));
            await platform.StartAsync(ResourceNames.Postgres, timeout.Token);
            await platform.WaitForAllHealthyAsync(timeout.Token);
            NpgsqlConnection.ClearAllPools(); // this test process's own pooled connections died with the server
        }

        // Issue 36: the database being away is no server bug (500) but a moment to wait (RFC 9110 §15.6.4).
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "temporarily_unavailable"), (reply.Status, reply.Error));
        Assert.NotNull(reply.Response.Headers.RetryAfter);
        Assert.DoesNotContain("   at ", reply.Body);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"the refusal took {clock.Elapsed}");
        Assert.Equal(HttpStatusCode.Created, (await new Api(platform).RegisterAsync()).Status);
    }
}
