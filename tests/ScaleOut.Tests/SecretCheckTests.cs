using System.Net;
using System.Text.Json;

namespace ClientPlatform.ScaleOut.Tests;

/// <summary>
/// Issue 31, item 8: verify-secret cannot burn the admin API's CPU. Here the admin API runs one BCrypt check at a time
/// with one waiting (SecretChecks); a burst beyond that is refused at once with 429 and Retry-After, and every check
/// that ran answered right.
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed class SecretCheckTests(ScaleOutPlatform platform)
{
    private readonly Calls _calls = new(platform);

    [Fact]
    public async Task VerifySecret_TwelveAtOnce_BeyondTheChecksAllowedAtOnce_429_TheOthersAnswered()
    {
        var created = await _calls.AdminAsync(HttpMethod.Post, "/admin/clients", """{"client_name":"checked","redirect_uris":["https://scale.example.org/cb"]}""");
        var client = created.Json.GetProperty("client");
        var (id, secret) = (client.GetProperty("client_id").GetString()!, client.GetProperty("client_secret").GetString()!);
        var body = JsonSerializer.Serialize(new Dictionary<string, string> { ["client_secret"] = secret });

        var replies = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => _calls.AdminAsync(HttpMethod.Post, $"/admin/clients/{id}/verify-secret", body)));

        var answered = replies.Where(r => r.Status == HttpStatusCode.OK).ToList();
        var refused = replies.Where(r => r.Status == HttpStatusCode.TooManyRequests).ToList();
        Assert.Equal(12, answered.Count + refused.Count);
        Assert.NotEmpty(refused);
        Assert.InRange(answered.Count, 1, 11);
        Assert.All(answered, r => Assert.True(r.Json.GetProperty("valid").GetBoolean()));
        Assert.All(refused, r =>
        {
            Assert.Equal("rate_limited", r.Error);
            Assert.Equal("application/problem+json", r.Response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(TimeSpan.FromSeconds(1), r.Response.Headers.RetryAfter?.Delta);
        });
    }
}
