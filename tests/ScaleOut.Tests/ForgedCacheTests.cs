using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClientPlatform.ServiceDefaults;
using StackExchange.Redis;

namespace ClientPlatform.ScaleOut.Tests;

/// <summary>
/// Issue 31, item 6: Redis is never the sole judge of a credential. Someone who can write Redis (but not PostgreSQL)
/// edits cached clients, as such an attacker would: another client's secret hash or token hash put in, the entry's
/// version changed so that every replica fetches it. Neither verify-secret nor a cached RFC 7592 read believes it.
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed class ForgedCacheTests(ScaleOutPlatform platform)
{
    private readonly Calls _calls = new(platform);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ForgedSecretHash_VerifySecretSaysInvalid_TheRealSecretStillValid_AndItIsLogged()
    {
        var (victim, victimSecret) = await CreateAsync();
        var (other, otherSecret) = await CreateAsync();
        Assert.True(await VerifiesAsync(victim, victimSecret)); // both now cached
        Assert.True(await VerifiesAsync(other, otherSecret));
        var admin = platform.Replicas(ResourceNames.AdminApi).Single().Name;
        var mark = platform.Logs.Of(admin).Count;

        // The victim's credential set given the other client's secret hash (issue 34: the set is in the cached client).
        await ForgeAsync(victim, json => json["Secrets"]![0]!["Hash"] = EntryJson(Entry(other))["Secrets"]![0]!["Hash"]!.GetValue<string>());

        Assert.False(await VerifiesAsync(victim, otherSecret));
        Assert.True(await VerifiesAsync(victim, victimSecret));
        // The admin API's console reaches the test a moment after its answer.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!platform.Logs.Since(admin, mark).Any(line => line.Contains("failed its integrity check")) && DateTime.UtcNow < deadline)
            await Task.Delay(200, Ct);
        Assert.Contains(platform.Logs.Since(admin, mark), line => line.Contains("failed its integrity check"));
    }

    [Fact]
    public async Task ForgedTokenHash_ACachedReadWithAnotherClientsToken_Is401()
    {
        var (victim, victimToken) = await _calls.RegisteredAsync();
        var (other, otherToken) = await _calls.RegisteredAsync();
        var gateway = platform.Gateway;
        Assert.Equal(HttpStatusCode.OK, (await _calls.SelfAsync(gateway, HttpMethod.Get, victim, victimToken)).Status);
        Assert.Equal(HttpStatusCode.OK, (await _calls.SelfAsync(gateway, HttpMethod.Get, other, otherToken)).Status);
        var otherTokenHash = EntryJson(Entry(other))["RegistrationTokenHash"]!.GetValue<string>();

        await ForgeAsync(victim, json => json["RegistrationTokenHash"] = otherTokenHash, tokenHash: otherTokenHash);

        // Every replica: whichever the gateway picks must refuse.
        for (var i = 0; i < 6; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await _calls.SelfAsync(gateway, HttpMethod.Get, victim, otherToken)).Status);
    }

    /// <summary>The admin API creates a confidential client: its id and secret.</summary>
    private async Task<(string Id, string Secret)> CreateAsync()
    {
        var answer = await _calls.AdminAsync(HttpMethod.Post, "/admin/clients", """{"client_name":"forged","redirect_uris":["https://scale.example.org/cb"]}""");
        Assert.Equal(HttpStatusCode.Created, answer.Status);
        var client = answer.Json.GetProperty("client");
        return (client.GetProperty("client_id").GetString()!, client.GetProperty("client_secret").GetString()!);
    }

    private async Task<bool> VerifiesAsync(string clientId, string secret)
    {
        var answer = await _calls.AdminAsync(HttpMethod.Post, $"/admin/clients/{clientId}/verify-secret",
            JsonSerializer.Serialize(new Dictionary<string, string> { ["client_secret"] = secret }));
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        return answer.Json.GetProperty("valid").GetBoolean();
    }

    /// <summary>The client's entry (a Redis hash) under the current epoch.</summary>
    private (RedisKey Key, string Value) Entry(string clientId)
    {
        using var redis = ConnectionMultiplexer.Connect(platform.ConnectionString(ResourceNames.Cache));
        var server = redis.GetServers().Single();
        var key = server.Keys(pattern: $"cp:*:h:{clientId}").Single();
        return (key, redis.GetDatabase().HashGet(key, "v").ToString());
    }

    /// <summary>The client JSON inside an entry value, whatever comes before it.</summary>
    private static JsonObject EntryJson((RedisKey Key, string Value) entry) =>
        JsonNode.Parse(entry.Value[entry.Value.IndexOf('{')..])!.AsObject();

    /// <summary>Rewrites the cached client, keeping whatever precedes its JSON, under a new version every replica fetches.</summary>
    private async Task ForgeAsync(string clientId, Action<JsonObject> change, string? tokenHash = null)
    {
        var entry = Entry(clientId);
        var json = EntryJson(entry);
        change(json);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(platform.ConnectionString(ResourceNames.Cache));
        var fields = new List<HashEntry>
        {
            new("v", entry.Value[..entry.Value.IndexOf('{')] + json.ToJsonString()),
            new("n", Guid.NewGuid().ToString("N")),
        };
        if (tokenHash is not null)
            fields.Add(new("t", tokenHash));
        await redis.GetDatabase().HashSetAsync(entry.Key, [.. fields]);
    }
}
