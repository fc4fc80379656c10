using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using ClientPlatform.Testing;

namespace ClientPlatform.ScaleOut.Tests;

/// <summary>Rate limits counted in Redis (issue 6; DCR-06, ADM-18): one count across every replica, 429 with Retry-After.</summary>
[Collection(ScaleOutCollection.Name)]
public sealed class RateLimitTests(ScaleOutPlatform platform)
{
    private readonly Calls _calls = new(platform);

    [Fact]
    [Trait("Checklist", "DCR-06")]
    public async Task Register_ThreeReplicas_ALimitOf10PerMinute_Accepts10InTotal_Not30()
    {
        var address = Calls.NewAddress();
        var replicas = Enumerable.Range(0, PlatformFixture.RegistrationReplicas).Select(_calls.Replica).ToArray();
        var clock = Stopwatch.StartNew();

        var replies = new List<Reply>();
        for (var i = 0; i < 30; i++)
            replies.Add(await _calls.RegisterAsync(replicas[i % replicas.Length], address));
        var elapsed = clock.Elapsed;
        var refused = replies.Where(r => r.Status == HttpStatusCode.TooManyRequests).ToList();

        Assert.Equal(ScaleOutPlatform.RegisterLimit, replies.Count(r => r.Status == HttpStatusCode.Created));
        Assert.Equal(30 - ScaleOutPlatform.RegisterLimit, refused.Count);
        Assert.All(refused, r =>
        {
            // The first permit frees 60 s after it was taken, which was at most `elapsed` ago.
            var retryAfter = (int)r.Response.Headers.RetryAfter!.Delta!.Value.TotalSeconds;
            Assert.InRange(retryAfter, 60 - (int)Math.Ceiling(elapsed.TotalSeconds) - 1, 60);
            Assert.Equal("rate_limited", r.Error);
            Assert.Equal("application/json", r.Response.Content.Headers.ContentType?.MediaType);
        });
        // Another address is counted apart.
        Assert.Equal(HttpStatusCode.Created, (await _calls.RegisterAsync(replicas[0])).Status);
    }

    [Fact]
    [Trait("Checklist", "DCR-06")]
    public async Task Register_ThroughTheGateway_IsCountedPerCallerAddress()
    {
        var address = Calls.NewAddress();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < ScaleOutPlatform.RegisterLimit + 2; i++)
            statuses.Add((await _calls.RegisterAsync(address: address)).Status);

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Created, ScaleOutPlatform.RegisterLimit)
            .Concat([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests]), statuses);
    }

    [Fact]
    public async Task Manage_ThreeReplicas_CachedReadsShareOneLimitPerClient_AndRefusedTokensCostNoPermit()
    {
        // A cached read takes its permit inside the cache lookup's script, a read that missed the cache takes it
        // apart: either way one log per client, across every replica.
        var (id, token) = await _calls.RegisteredAsync();
        var (otherId, otherToken) = await _calls.RegisteredAsync();
        var replicas = Enumerable.Range(0, PlatformFixture.RegistrationReplicas).Select(_calls.Replica).ToArray();
        var unknownToken = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)); // (another client's would be revoked, RFC 7592 §2.1)
        var statuses = new Dictionary<HttpStatusCode, int>();
        var refusedTokens = 0;

        for (var i = 0; i < ScaleOutPlatform.ManageLimit; i++)
        {
            var replica = replicas[i % replicas.Length];
            var read = await _calls.SelfAsync(replica, HttpMethod.Get, id, token);
            statuses[read.Status] = statuses.GetValueOrDefault(read.Status) + 1;
            if (i % 25 == 0 && (await _calls.SelfAsync(replica, HttpMethod.Get, id, unknownToken)).Status == HttpStatusCode.Unauthorized)
                refusedTokens++;
        }
        var over = await _calls.SelfAsync(replicas[0], HttpMethod.Get, id, token);
        var wrongTokenWhenOver = await _calls.SelfAsync(replicas[1], HttpMethod.Get, id, unknownToken);
        var otherClient = await _calls.SelfAsync(replicas[2], HttpMethod.Get, otherId, otherToken);

        Assert.Equal(new Dictionary<HttpStatusCode, int> { [HttpStatusCode.OK] = ScaleOutPlatform.ManageLimit }, statuses);
        Assert.Equal(ScaleOutPlatform.ManageLimit / 25, refusedTokens);
        Assert.Equal((HttpStatusCode.TooManyRequests, "rate_limited"), (over.Status, over.Error));
        Assert.InRange(over.Response.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongTokenWhenOver.Status); // the credential is judged before the limit
        Assert.Equal(HttpStatusCode.OK, otherClient.Status);
    }

    [Fact]
    [Trait("Checklist", "ADM-18")]
    public async Task AdminCreate_The11thWithin60s_Is429ProblemJson_PerCredential()
    {
        var key = await NewKeyAsync();
        var other = await NewKeyAsync();
        const string client = """{"client_name":"limited","redirect_uris":["https://scale.example.org/cb"]}""";

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
            statuses.Add((await _calls.AdminAsync(HttpMethod.Post, "/admin/clients", client, key)).Status);
        var eleventh = await _calls.AdminAsync(HttpMethod.Post, "/api/admin/clients", client, key);
        var byOtherKey = await _calls.AdminAsync(HttpMethod.Post, "/admin/clients", client, other);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Created, s));
        Assert.Equal((HttpStatusCode.TooManyRequests, "rate_limited"), (eleventh.Status, eleventh.Error));
        Assert.Equal("application/problem+json", eleventh.Response.Content.Headers.ContentType?.MediaType);
        Assert.InRange(eleventh.Response.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
        Assert.Equal(HttpStatusCode.Created, byOtherKey.Status);
    }

    [Fact]
    [Trait("Checklist", "ADM-18")]
    public async Task RegenerateSecret_IsLimitedTo5PerMinute()
    {
        var key = await NewKeyAsync();
        var created = await _calls.AdminAsync(HttpMethod.Post, "/admin/clients",
            """{"client_name":"rotating","redirect_uris":["https://scale.example.org/cb"]}""", key);
        var id = created.Json.GetProperty("client").GetProperty("client_id").GetString();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
            statuses.Add((await _calls.AdminAsync(HttpMethod.Post, $"/admin/clients/{id}/regenerate-secret", token: key)).Status);

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 5).Append(HttpStatusCode.TooManyRequests), statuses);
    }

    [Fact]
    public async Task RateLimited_IsAudited_ButSampled_SoAFloodCannotFloodTheAuditLog()
    {
        var (keyId, key) = await NewKeyWithIdAsync("client:admin");
        var from = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        const string client = """{"client_name":"flood","redirect_uris":["https://scale.example.org/cb"]}""";
        var refused = 0;
        for (var i = 0; i < 40; i++)
            if ((await _calls.AdminAsync(HttpMethod.Post, "/admin/clients", client, key)).Status == HttpStatusCode.TooManyRequests)
                refused++;

        var events = 0;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (events == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(300, TestContext.Current.CancellationToken);
            var audit = await _calls.AdminAsync(HttpMethod.Get, $"/admin/audit?action=rate_limited&actor={keyId}&from={from}");
            events = audit.Json.GetProperty("events").GetArrayLength();
        }

        Assert.Equal(30, refused);
        Assert.Equal(1, events); // one admin replica, one partition, within the 10 s sampling interval
    }

    private async Task<string> NewKeyAsync(string scope = "clients:write") => (await NewKeyWithIdAsync(scope)).Key;

    private async Task<(string Id, string Key)> NewKeyWithIdAsync(string scope)
    {
        var answer = await _calls.AdminAsync(HttpMethod.Post, "/admin/keys", $$"""{"name":"limits","scopes":["{{scope}}"]}""");
        Assert.Equal(HttpStatusCode.Created, answer.Status);
        return (answer.Json.GetProperty("id").GetString()!, answer.Json.GetProperty("key").GetString()!);
    }
}
