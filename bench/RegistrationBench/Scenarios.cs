using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ClientPlatform.Bench;

namespace ClientPlatform.Bench.Registration;

internal static class Scenarios
{
    private const string Body = """{"redirect_uris":["https://bench.example.test/cb"],"client_name":"bench"}""";

    private static readonly HttpClient Http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 256 });

    public static async Task<bool> RegisterAsync(Uri baseUri)
    {
        using var response = await Http.PostAsync(new Uri(baseUri, "/register"), new StringContent(Body, Encoding.UTF8, "application/json"));
        return response.StatusCode == HttpStatusCode.Created;
    }

    public static async Task<List<(string Id, string Token)>> RegisterClientsAsync(Uri baseUri, int count)
    {
        var clients = new List<(string, string)>();
        for (var i = 0; i < count; i++)
        {
            using var response = await Http.PostAsync(new Uri(baseUri, "/register"), new StringContent(Body, Encoding.UTF8, "application/json"));
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            clients.Add((json.RootElement.GetProperty("client_id").GetString()!, json.RootElement.GetProperty("registration_access_token").GetString()!));
        }
        return clients;
    }

    public static async Task<bool> ReadAsync(Uri baseUri, List<(string Id, string Token)> clients)
    {
        var (id, token) = clients[Random.Shared.Next(clients.Count)];
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUri, $"/register/{id}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await Http.SendAsync(request);
        return response.StatusCode == HttpStatusCode.OK;
    }

    /// <summary>One GET with this Authorization (a resolution with the admin credential).</summary>
    public static async Task<bool> GetAsync(Uri url, string authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        using var response = await Http.SendAsync(request);
        return response.StatusCode == HttpStatusCode.OK;
    }

    /// <summary>wrk's script for the reads above: each request one of the clients at random, with its own token.</summary>
    public static string ReadScript(List<(string Id, string Token)> clients) => $$"""
        local clients = {
        {{string.Join(",\n", clients.Select(c => $"  {{ {Wrk.LuaString(c.Id)}, {Wrk.LuaString(c.Token)} }}"))}}
        }
        request = function()
          local client = clients[math.random(#clients)]
          return wrk.format("GET", "/register/" .. client[1], { ["Authorization"] = "Bearer " .. client[2] })
        end
        """;

    /// <summary>wrk's script for <see cref="RegisterAsync"/>.</summary>
    public static string RegisterScript => $"""
        wrk.method = "POST"
        wrk.body = {Wrk.LuaString(Body)}
        wrk.headers["Content-Type"] = "application/json"
        """;
}
