using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using ClientPlatform.ServiceDefaults;
using ClientPlatform.Testing;
using Npgsql;

namespace ClientPlatform.ScaleOut.Tests;

/// <summary>
/// Issue 31, item 3: failed credentials cost the caller. Through the gateway, on three registration replicas: an
/// address gets the limit of 401s per minute and 429s after it, before any lookup; its refusals are audited sampled,
/// never naming the client id it made up as the resource; IPv6 callers are counted per /64.
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed class FailedCredentialTests(ScaleOutPlatform platform)
{
    private readonly Calls _calls = new(platform);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task JunkTokens_300FromOneAddress_LimitOf401sThen429_AndTheAuditLogGetsSamplesOnly()
    {
        var address = Calls.NewAddress();
        var (id, token) = await _calls.RegisteredAsync();
        var clock = Stopwatch.StartNew();

        var replies = new List<Reply>();
        for (var i = 0; i < 300; i++)
            replies.Add(await JunkAsync($"/register/victim{i}", address));
        var elapsed = clock.Elapsed;
        // Now even the client's own valid token is refused from that address, on whichever replica it lands.
        var validFromThere = await _calls.SelfAsync(platform.Gateway, HttpMethod.Get, id, token, address: address);
        var validElsewhere = await _calls.SelfAsync(platform.Gateway, HttpMethod.Get, id, token);
        var junkElsewhere = await JunkAsync("/register/victim", Calls.NewAddress());

        Assert.All(replies.Take(ScaleOutPlatform.FailedCredentialLimit), r => Assert.Equal(HttpStatusCode.Unauthorized, r.Status));
        var refused = replies.Skip(ScaleOutPlatform.FailedCredentialLimit).ToList();
        Assert.All(refused, r =>
        {
            Assert.Equal((HttpStatusCode.TooManyRequests, "rate_limited"), (r.Status, r.Error));
            Assert.InRange(r.Response.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
        });
        Assert.Equal(HttpStatusCode.TooManyRequests, validFromThere.Status);
        Assert.Equal(HttpStatusCode.OK, validElsewhere.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, junkElsewhere.Status);

        // At most one access_denied and one rate_limited event per replica per 10 s sampling interval; none names a
        // made-up id as its resource, each sample names it as the caller's claim.
        var denied = await AuditRowsAsync(address, "access_denied");
        var limited = await AuditRowsAsync(address, "rate_limited");
        var intervals = 1 + (int)(elapsed.TotalSeconds / 10);
        Assert.InRange(denied.Count, 1, PlatformFixture.RegistrationReplicas * intervals);
        Assert.InRange(limited.Count, 1, PlatformFixture.RegistrationReplicas * intervals);
        Assert.All(denied.Concat(limited), row =>
        {
            Assert.Null(row.ResourceId);
            Assert.Contains("\"claimed_client_id\"", row.Changes);
            Assert.Contains("victim", row.Changes);
        });
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM audit_log WHERE resource_id LIKE 'victim%'"));
    }

    [Fact]
    public async Task JunkAdminKeys_FromOneAddress_LimitOf401sThen429_EvenForTheRealSecret()
    {
        var address = Calls.NewAddress();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < ScaleOutPlatform.FailedCredentialLimit + 5; i++)
            statuses.Add((await _calls.AdminAsync(HttpMethod.Get, "/admin/clients", token: Junk(), address: address)).Status);
        var realFromThere = await _calls.AdminAsync(HttpMethod.Get, "/admin/clients", address: address);
        var realElsewhere = await _calls.AdminAsync(HttpMethod.Get, "/admin/clients");

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, ScaleOutPlatform.FailedCredentialLimit)
            .Concat(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 5)), statuses);
        Assert.Equal((HttpStatusCode.TooManyRequests, "rate_limited"), (realFromThere.Status, realFromThere.Error));
        Assert.Equal("application/problem+json", realFromThere.Response.Content.Headers.ContentType?.MediaType);
        Assert.InRange(realFromThere.Response.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
        Assert.Equal(HttpStatusCode.OK, realElsewhere.Status);
    }

    [Fact]
    public async Task JunkTokens_FromOneIpv6Slash64_CountedTogether_AndTheNextSlash64Apart()
    {
        var prefix = $"2001:db8:{RandomNumberGenerator.GetInt32(0x10000):x}:{RandomNumberGenerator.GetInt32(0x10000):x}";
        for (var i = 0; i < ScaleOutPlatform.FailedCredentialLimit; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await JunkAsync("/register/someone", $"{prefix}::{i + 1:x}")).Status);

        var sameNetwork = await JunkAsync("/register/someone", $"{prefix}:ffff:ffff:ffff:ffff");
        var nextNetwork = await JunkAsync("/register/someone", $"2001:db8:ffff:{RandomNumberGenerator.GetInt32(0x10000):x}::1");

        Assert.Equal(HttpStatusCode.TooManyRequests, sameNetwork.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, nextNetwork.Status);
    }

    /// <summary>A junk bearer token and a 500-character User-Agent, as a flood would send them, through the gateway.</summary>
    private async Task<Reply> JunkAsync(string path, string address)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Forwarded-For", address);
        request.Headers.TryAddWithoutValidation("User-Agent", new string('x', 500));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Junk());
        var response = await platform.Gateway.SendAsync(request, Ct);
        return new Reply(response.StatusCode, response, await response.Content.ReadAsStringAsync(Ct));
    }

    private static string Junk() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The audit rows of one action from one address: once the first has arrived, and 2 s more for the rest.</summary>
    private async Task<List<(string? ResourceId, string Changes)>> AuditRowsAsync(string address, string action)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await ReadRowsAsync(address, action)).Count == 0 && DateTime.UtcNow < deadline)
            await Task.Delay(300, Ct);
        await Task.Delay(TimeSpan.FromSeconds(2), Ct);
        return await ReadRowsAsync(address, action);
    }

    private async Task<List<(string? ResourceId, string Changes)>> ReadRowsAsync(string address, string action)
    {
        var rows = new List<(string?, string)>();
        await using var connection = new NpgsqlConnection(platform.ConnectionString(ResourceNames.ClientsDb));
        await connection.OpenAsync(Ct);
        await using var query = new NpgsqlCommand("SELECT resource_id, changes FROM audit_log WHERE ip_address = @ip AND action = @action", connection);
        query.Parameters.AddWithValue("ip", address);
        query.Parameters.AddWithValue("action", action);
        await using var reader = await query.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
            rows.Add((reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetString(1)));
        return rows;
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(platform.ConnectionString(ResourceNames.ClientsDb));
        await connection.OpenAsync(Ct);
        await using var query = new NpgsqlCommand(sql, connection);
        return (long)(await query.ExecuteScalarAsync(Ct))!;
    }
}
