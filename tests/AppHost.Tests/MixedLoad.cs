using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClientPlatform.AppHost.Tests;

/// <summary>
/// A steady mixed load through the gateway, as the operators who filed issue 36 ran it: each worker registers clients
/// and reads, updates and deletes its own with their registration access tokens (RFC 7591, 7592). Every answer is kept
/// with when it came, and so is every write the platform acknowledged, to be checked afterwards.
/// </summary>
internal sealed class MixedLoad : IAsyncDisposable
{
    public enum Operation { Register, Read, Update, Delete }

    /// <summary>One answer: its status (0 when no HTTP answer came at all), body and Retry-After.</summary>
    public sealed record Answer(TimeSpan At, Operation Operation, int Status, string Body, string? RetryAfter, string? MediaType);

    private readonly HttpClient _http;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _workers;

    public ConcurrentQueue<Answer> Answers { get; } = new();

    /// <summary>Clients whose registration was acknowledged (201), with the name of their last acknowledged update.</summary>
    public ConcurrentDictionary<string, string> Acknowledged { get; } = new();

    /// <summary>Clients whose deletion was acknowledged (204).</summary>
    public ConcurrentDictionary<string, bool> Deleted { get; } = new();

    /// <summary>Clients a write was sent for that got no acknowledgement: what the platform did is not known.</summary>
    public ConcurrentDictionary<string, bool> Uncertain { get; } = new();

    private MixedLoad(Uri gateway, int workers)
    {
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(30) })
        {
            BaseAddress = gateway,
            Timeout = TimeSpan.FromSeconds(30),
        };
        _workers = Enumerable.Range(0, workers).Select(i => Task.Run(() => WorkAsync(i))).ToList();
    }

    public static MixedLoad Start(Uri gateway, int workers = 6) => new(gateway, workers);

    public TimeSpan Now => _clock.Elapsed;

    public IReadOnlyList<Answer> Between(TimeSpan from, TimeSpan to) => Answers.Where(a => a.At >= from && a.At <= to).ToList();

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_workers);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
            await StopAsync();
        _http.Dispose();
        _stop.Dispose();
    }

    private async Task WorkAsync(int worker)
    {
        var random = new Random(worker);
        var mine = new List<(string Id, string Token)>();
        var sequence = 0;
        while (!_stop.IsCancellationRequested)
        {
            var operation = mine.Count == 0 ? Operation.Register : (Operation)random.Next(4);
            var pick = mine.Count == 0 ? -1 : random.Next(mine.Count);
            var (id, token) = pick < 0 ? ("", "") : mine[pick];
            using var request = operation switch
            {
                Operation.Register => Request(HttpMethod.Post, "/register", null, new JsonObject { ["redirect_uris"] = new JsonArray("https://app.example/cb"), ["client_name"] = $"w{worker}" }),
                Operation.Read => Request(HttpMethod.Get, $"/register/{id}", token, null),
                Operation.Update => Request(HttpMethod.Put, $"/register/{id}", token, new JsonObject
                {
                    ["client_id"] = id, ["redirect_uris"] = new JsonArray("https://app.example/cb"), ["client_name"] = $"w{worker}-{++sequence}",
                }),
                _ => Request(HttpMethod.Delete, $"/register/{id}", token, null),
            };
            var name = operation == Operation.Update ? $"w{worker}-{sequence}" : $"w{worker}";
            try
            {
                using var response = await _http.SendAsync(request, CancellationToken.None);
                var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
                Answers.Enqueue(new Answer(Now, operation, (int)response.StatusCode, body, response.Headers.RetryAfter?.ToString(),
                    response.Content.Headers.ContentType?.MediaType));
                switch (operation, response.StatusCode)
                {
                    case (Operation.Register, HttpStatusCode.Created):
                        var created = JsonNode.Parse(body)!;
                        var newId = (string)created["client_id"]!;
                        mine.Add((newId, (string)created["registration_access_token"]!));
                        Acknowledged[newId] = name;
                        break;
                    case (Operation.Update, HttpStatusCode.OK):
                        Acknowledged[id] = name;
                        // RFC 7592 §2.2: the answer may carry a new registration access token, which replaces the old one.
                        if (JsonNode.Parse(body)?["registration_access_token"]?.GetValue<string>() is { } renewed)
                            mine[pick] = (id, renewed);
                        break;
                    case (Operation.Delete, HttpStatusCode.NoContent):
                        Deleted[id] = true;
                        mine.RemoveAt(pick);
                        break;
                    case (Operation.Update or Operation.Delete, HttpStatusCode.Unauthorized):
                        // Its token was replaced, or the client deleted, by a write whose answer never came (or by a
                        // DELETE the gateway sent again after a replica died holding it, RFC 9110 §9.2.2).
                        mine.RemoveAt(pick);
                        Uncertain[id] = true;
                        break;
                    case (Operation.Update or Operation.Delete, _) when (int)response.StatusCode >= 500:
                        Uncertain[id] = true;
                        break;
                }
            }
            catch (HttpRequestException e)
            {
                // No HTTP answer at all: only while the gateway itself is down.
                Answers.Enqueue(new Answer(Now, operation, 0, e.Message, null, null));
                if (operation is Operation.Update or Operation.Delete)
                    Uncertain[id] = true;
                await Task.Delay(100);
            }
        }
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string? token, JsonObject? body)
    {
        var request = new HttpRequestMessage(method, path);
        // Many callers, as real traffic has: the gateway trusts X-Forwarded-For from loopback in these tests.
        request.Headers.Add("X-Forwarded-For", $"10.{Random.Shared.Next(256)}.{Random.Shared.Next(256)}.{Random.Shared.Next(1, 255)}");
        if (token is not null)
            request.Headers.Authorization = new("Bearer", token);
        if (body is not null)
            request.Content = JsonContent.Create(body);
        return request;
    }

    /// <summary>Whether an error answer carries a body in its route's format: an OAuth error object (RFC 7591 §3.2.2).</summary>
    public static bool HasErrorBody(Answer answer)
    {
        if (answer.MediaType != "application/json")
            return false;
        try
        {
            using var json = JsonDocument.Parse(answer.Body);
            return json.RootElement.TryGetProperty("error", out var error) && error.GetString() is { Length: > 0 };
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
