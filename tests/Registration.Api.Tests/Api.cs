using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ClientPlatform.ServiceDefaults;
using ClientPlatform.Testing;
using Npgsql;

namespace ClientPlatform.Registration.Api.Tests;

/// <summary>Calls /register as a client would, and reads what a test needs to check.</summary>
internal sealed class Api(HttpClient http, ServersFixture platform)
{
    /// <summary>The registration API in this process.</summary>
    public Api(RegistrationApis apis) : this(apis.Registration, apis)
    {
    }

    /// <summary>The registration API through the platform's gateway.</summary>
    public Api(PlatformFixture platform) : this(platform.Gateway, platform)
    {
    }

    public const string Minimal = """{"redirect_uris":["https://client.example.org/cb"]}""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public HttpClient Http => http;

    public async Task<Reply> RegisterAsync(string json = Minimal, string contentType = "application/json")
    {
        using var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return await Reply.FromAsync(await Http.PostAsync("/register", content, Ct));
    }

    /// <summary>A registered client: its id, secret (if any), token and configuration URI.</summary>
    public async Task<Registered> RegisteredAsync(string json = Minimal)
    {
        var reply = await RegisterAsync(json);
        Assert.Equal(System.Net.HttpStatusCode.Created, reply.Status);
        return new Registered(reply.String("client_id")!, reply.String("client_secret"), reply.String("registration_access_token")!,
            reply.String("registration_client_uri")!, reply.Json);
    }

    public Task<Reply> ReadAsync(string clientId, string? token, string? scheme = "Bearer") =>
        SendAsync(HttpMethod.Get, clientId, token, null, scheme);

    public Task<Reply> UpdateAsync(string clientId, string? token, string json) => SendAsync(HttpMethod.Put, clientId, token, json);

    public Task<Reply> DeleteAsync(string clientId, string? token) => SendAsync(HttpMethod.Delete, clientId, token, null);

    public async Task<Reply> SendAsync(HttpMethod method, string clientId, string? token, string? json, string? scheme = "Bearer", string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, $"/register/{clientId}");
        if (ifMatch is not null)
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        if (token is not null)
            request.Headers.TryAddWithoutValidation("Authorization", scheme is null ? token : $"{scheme} {token}");
        if (json is not null)
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        return await Reply.FromAsync(await Http.SendAsync(request, Ct));
    }

    /// <summary>A column of the stored client, straight from PostgreSQL.</summary>
    public async Task<T?> StoredAsync<T>(string clientId, string column)
    {
        await using var connection = new NpgsqlConnection(platform.ConnectionString(ResourceNames.ClientsDb));
        await connection.OpenAsync(Ct);
        await using var query = new NpgsqlCommand($"SELECT {column} FROM clients WHERE client_id = @id", connection);
        query.Parameters.AddWithValue("id", clientId);
        var value = await query.ExecuteScalarAsync(Ct);
        return value is null or DBNull ? default : (T)value;
    }

    public async Task<long> CountAsync(string sql, string value)
    {
        await using var connection = new NpgsqlConnection(platform.ConnectionString(ResourceNames.ClientsDb));
        await connection.OpenAsync(Ct);
        await using var query = new NpgsqlCommand(sql, connection);
        query.Parameters.AddWithValue("value", value);
        return (long)(await query.ExecuteScalarAsync(Ct))!;
    }

    public async Task ExecuteAsync(string sql, string clientId)
    {
        await using var connection = new NpgsqlConnection(platform.ConnectionString(ResourceNames.ClientsDb));
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", clientId);
        await command.ExecuteNonQueryAsync(Ct);
    }

    /// <summary>
    /// The client's audit rows, oldest first, each as one text of its columns (action|actor kind|actor id|changes|
    /// error|ip|user agent), once <paramref name="complete"/> holds or after 30 s (the worker writes asynchronously).
    /// </summary>
    public async Task<List<string>> AuditRowsAsync(string clientId, Func<List<string>, bool> complete)
    {
        await using var connection = new NpgsqlConnection(platform.ConnectionString(ResourceNames.ClientsDb));
        await connection.OpenAsync(Ct);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using var query = new NpgsqlCommand(
                "SELECT concat_ws('|', action, actor_kind, actor_id, changes, error, ip_address, user_agent) FROM audit_log WHERE resource_id = @id ORDER BY seq",
                connection);
            query.Parameters.AddWithValue("id", clientId);
            var rows = new List<string>();
            await using (var reader = await query.ExecuteReaderAsync(Ct))
                while (await reader.ReadAsync(Ct))
                    rows.Add(reader.GetString(0));
            if (complete(rows) || DateTime.UtcNow > deadline)
                return rows;
            await Task.Delay(200, Ct);
        }
    }

    /// <summary>Client JSON without the four members RFC 7592 §2.2 forbids in an update.</summary>
    public static string UpdateBody(JsonElement response, Action<Dictionary<string, object?>>? change = null)
    {
        var body = JsonSerializer.Deserialize<Dictionary<string, object?>>(response.GetRawText())!;
        foreach (var name in new[] { "registration_access_token", "registration_client_uri", "client_secret_expires_at", "client_id_issued_at", "client_secret" })
            body.Remove(name);
        change?.Invoke(body);
        return JsonSerializer.Serialize(body);
    }
}

internal sealed record Registered(string Id, string? Secret, string Token, string Uri, JsonElement Json);
