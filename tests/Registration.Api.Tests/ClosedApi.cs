using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ClientPlatform.ServiceDefaults;
using Npgsql;

namespace ClientPlatform.Registration.Api.Tests;

/// <summary>What the closed-registration tests do through the gateway: register with a token, call the admin API, read the audit log.</summary>
internal sealed class ClosedApi(ClosedRegistrationPlatform platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>An initial access token for tests that are about something else than the token.</summary>
    public async Task<string> AnyTokenAsync() => (await IssueAsync("""{"max_uses":1}""")).Token;

    public async Task<Reply> RegisterAsync(string json, string? token, HttpClient? http = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/register") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (token is not null)
            request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {token}");
        return await Reply.FromAsync(await (http ?? platform.Gateway).SendAsync(request, Ct));
    }

    /// <summary>A call to /register/{id}… with the client's registration access token (RFC 7592).</summary>
    public async Task<Reply> ManageAsync(HttpMethod method, string path, string token, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (json is not null)
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        return await Reply.FromAsync(await platform.Gateway.SendAsync(request, Ct));
    }

    public Task<Reply> ReadAsync(string clientId, string token) => ManageAsync(HttpMethod.Get, $"/register/{clientId}", token);

    /// <summary>POST /admin/clients/{id}/verify-secret, as the authorization server asks.</summary>
    public Task<Reply> VerifySecretAsync(string clientId, string secret) =>
        AdminAsync(HttpMethod.Post, $"/admin/clients/{clientId}/verify-secret", JsonSerializer.Serialize(new Dictionary<string, string> { ["client_secret"] = secret }));

    public async Task<(string Id, string Token)> IssueAsync(string json)
    {
        var answer = await AdminAsync(HttpMethod.Post, "/admin/initial-access-tokens", json);
        Assert.Equal(HttpStatusCode.Created, answer.Status);
        return (answer.String("id")!, answer.String("token")!);
    }

    public async Task<JsonElement> ListedAsync(string id)
    {
        var answer = await AdminAsync(HttpMethod.Get, "/admin/initial-access-tokens");
        return answer.Json.GetProperty("initial_access_tokens").EnumerateArray().Single(t => t.GetProperty("id").GetString() == id);
    }

    /// <summary>A call to the admin API, through the gateway's admin listener (the public one answers 404 there).</summary>
    public async Task<Reply> AdminAsync(HttpMethod method, string path, string? json = null, string? key = null, string mediaType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key ?? platform.AdminSecret);
        if (json is not null)
            request.Content = new StringContent(json, Encoding.UTF8, mediaType);
        return await Reply.FromAsync(await platform.AdminListener.SendAsync(request, Ct));
    }

    public async Task<long> CountAsync(string sql, string[] values)
    {
        await using var connection = new NpgsqlConnection(platform.ConnectionString(ResourceNames.ClientsDb));
        await connection.OpenAsync(Ct);
        await using var query = new NpgsqlCommand(sql, connection);
        query.Parameters.AddWithValue("value", values);
        return (long)(await query.ExecuteScalarAsync(Ct))!;
    }

    /// <summary>The token's audit rows, oldest first, once there are <paramref name="expected"/> (the worker writes asynchronously).</summary>
    public async Task<List<(string Action, string Changes)>> AuditActionsAsync(string id, int expected)
    {
        await using var connection = new NpgsqlConnection(platform.ConnectionString(ResourceNames.ClientsDb));
        await connection.OpenAsync(Ct);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using var query = new NpgsqlCommand("SELECT action, changes::text FROM audit_log WHERE resource_id = @id ORDER BY seq", connection);
            query.Parameters.AddWithValue("id", id);
            var rows = new List<(string, string)>();
            await using (var reader = await query.ExecuteReaderAsync(Ct))
                while (await reader.ReadAsync(Ct))
                    rows.Add((reader.GetString(0), reader.GetString(1)));
            if (rows.Count >= expected || DateTime.UtcNow > deadline)
                return rows;
            await Task.Delay(200, Ct);
        }
    }
}
