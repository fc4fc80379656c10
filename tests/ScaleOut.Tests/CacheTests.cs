using System.Net;
using ClientPlatform.Testing;

namespace ClientPlatform.ScaleOut.Tests;

/// <summary>
/// The Redis cache (issue 6): shared by every replica, invalidated by whichever one changes a client, so that
/// once a change has returned no replica serves the old value; and a cached read touches no PostgreSQL table.
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed class CacheTests(ScaleOutPlatform platform)
{
    private readonly Calls _calls = new(platform);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AdminUpdate_ThenAnImmediateRead_ThroughAnotherReplica_AndTheAdminApi_SeesTheNewValue_200Times()
    {
        var (id, token) = await _calls.RegisteredAsync();
        var replicas = Enumerable.Range(0, PlatformFixture.RegistrationReplicas).Select(_calls.Replica).ToArray();
        var stale = new List<string>();

        for (var i = 0; i < 200; i++)
        {
            var name = $"version {i}";
            var update = await _calls.AdminAsync(HttpMethod.Put, $"/admin/clients/{id}", $$"""{"client_name":"{{name}}"}""");
            Assert.Equal(HttpStatusCode.OK, update.Status);
            // Each read warms the cache with what it saw: the next update must invalidate it again.
            var self = await _calls.SelfAsync(replicas[i % replicas.Length], HttpMethod.Get, id, token);
            var admin = await _calls.AdminAsync(HttpMethod.Get, $"/admin/clients/{id}");
            if (self.Json.GetProperty("client_name").GetString() != name)
                stale.Add($"#{i} registration replica {i % replicas.Length}: {self.Json.GetProperty("client_name")}");
            if (admin.Json.GetProperty("client").GetProperty("client_name").GetString() != name)
                stale.Add($"#{i} admin: {admin.Json.GetProperty("client").GetProperty("client_name")}");
        }

        Assert.Empty(stale);
    }

    [Fact]
    public async Task RegistrationUpdate_ThroughOneReplica_OldTokenFailsAndNewValueIsReadOnEveryOther_50Times()
    {
        var (id, token) = await _calls.RegisteredAsync();
        var replicas = Enumerable.Range(0, PlatformFixture.RegistrationReplicas).Select(_calls.Replica).ToArray();

        for (var i = 0; i < 50; i++)
        {
            var writer = replicas[i % replicas.Length];
            foreach (var replica in replicas)
                Assert.Equal(HttpStatusCode.OK, (await _calls.SelfAsync(replica, HttpMethod.Get, id, token)).Status); // cached now
            var update = await _calls.SelfAsync(writer, HttpMethod.Put, id, token,
                $$"""{"client_id":"{{id}}","redirect_uris":["https://scale.example.org/cb"],"client_name":"self {{i}}"}""");
            Assert.Equal(HttpStatusCode.OK, update.Status);
            var oldToken = token;
            token = update.Json.GetProperty("registration_access_token").GetString()!;

            foreach (var replica in replicas)
            {
                Assert.Equal(HttpStatusCode.Unauthorized, (await _calls.SelfAsync(replica, HttpMethod.Get, id, oldToken)).Status);
                var read = await _calls.SelfAsync(replica, HttpMethod.Get, id, token);
                Assert.Equal($"self {i}", read.Json.GetProperty("client_name").GetString());
            }
        }
    }

    [Fact]
    public async Task Delete_ThroughTheAdminApi_IsSeenAtOnceByEveryReplica()
    {
        var (id, token) = await _calls.RegisteredAsync();
        var replicas = Enumerable.Range(0, PlatformFixture.RegistrationReplicas).Select(_calls.Replica).ToArray();
        foreach (var replica in replicas)
            Assert.Equal(HttpStatusCode.OK, (await _calls.SelfAsync(replica, HttpMethod.Get, id, token)).Status);

        Assert.Equal(HttpStatusCode.OK, (await _calls.AdminAsync(HttpMethod.Delete, $"/admin/clients/{id}")).Status);

        foreach (var replica in replicas)
            Assert.Equal(HttpStatusCode.Unauthorized, (await _calls.SelfAsync(replica, HttpMethod.Get, id, token)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _calls.AdminAsync(HttpMethod.Get, $"/admin/clients/{id}")).Status);
    }

    /// <summary>
    /// Proof by lock: while this test holds an exclusive lock on the clients and outbox tables, any query of
    /// them would wait. A cached read still answers at once, on every replica; an uncached one waits (the control).
    /// </summary>
    [Fact]
    public async Task CachedRead_MakesNoPostgresQuery_OnEveryReplica()
    {
        var (cachedId, cachedToken) = await _calls.RegisteredAsync();
        var (coldId, coldToken) = await _calls.RegisteredAsync();
        var replicas = Enumerable.Range(0, PlatformFixture.RegistrationReplicas).Select(_calls.Replica).ToArray();
        Assert.Equal(HttpStatusCode.OK, (await _calls.SelfAsync(replicas[0], HttpMethod.Get, cachedId, cachedToken)).Status);

        var reads = new List<bool>();
        bool control;
        await using (await TableLock.TakeAsync(platform, Ct))
        {
            foreach (var replica in replicas)
                for (var i = 0; i < 10; i++)
                    reads.Add(await TableLock.AnswersAsync(replica, cachedId, cachedToken, TimeSpan.FromSeconds(3), Ct));
            control = await TableLock.AnswersAsync(replicas[1], coldId, coldToken, TimeSpan.FromSeconds(2), Ct);
        }

        Assert.Equal(30, reads.Count(answered => answered));
        Assert.False(control, "a read of an uncached client answered while the tables were locked");
    }
}
