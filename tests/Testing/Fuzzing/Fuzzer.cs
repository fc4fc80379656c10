using System.Diagnostics;
using CsCheck;
using Npgsql;

namespace ClientPlatform.Testing.Fuzzing;

/// <summary>The result of a run: how many cases, how fast, from which seed (null: CsCheck drew one).</summary>
public sealed record FuzzReport(int Cases, TimeSpan Elapsed, string? Seed)
{
    public double CasesPerSecond => Cases / Elapsed.TotalSeconds;

    public override string ToString() => $"{Cases} cases in {Elapsed.TotalSeconds:0.0} s ({CasesPerSecond:0} cases/s), seed {Seed ?? "drawn by CsCheck"}";
}

/// <summary>
/// Sends generated requests through the gateway one after another and checks every answer (<see cref="Invariants"/>),
/// and that a refused request that would create a client created none. A failure throws CsCheck's exception, whose
/// message holds the seed that regenerates the failing request ("Set seed: … to reproduce").
/// </summary>
public sealed class Fuzzer(Uri gateway, string databaseConnectionString, FuzzTargets targets) : IDisposable
{
    // Its own client: headers go as UTF-8 bytes (HttpClient refuses non-ASCII otherwise), nothing is redirected.
    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        RequestHeaderEncodingSelector = (_, _) => System.Text.Encoding.UTF8,
        AllowAutoRedirect = false,
    })
    {
        BaseAddress = gateway,
        Timeout = TimeSpan.FromSeconds(30),
    };

    // Absolute, so that a target such as "//register" stays a path (relative to a base it would name a host).
    private readonly string _authority = gateway.GetLeftPart(UriPartial.Authority);

    public void Dispose() => _http.Dispose();

    public async Task<FuzzReport> RunAsync(int cases, string? seed, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await RequestGen.For(targets).SampleAsync(request => OneAsync(request, cancellationToken), iter: cases, threads: 1, seed: seed,
            print: request => request.ToString());
        return new FuzzReport(cases, clock.Elapsed, seed);
    }

    private async Task OneAsync(FuzzRequest request, CancellationToken cancellationToken)
    {
        var before = request.Creates ? await CountAsync(cancellationToken) : 0;
        // A connection of its own: the server may close one after refusing a request whose body it did not read,
        // and a case's outcome must be its own, not the previous case's.
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(_authority + request.Target)) { Headers = { ConnectionClose = true } };
        foreach (var (name, value) in request.Headers)
            message.Headers.TryAddWithoutValidation(name, value);
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            if (request.ContentType is not null)
                message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
        }
        using var response = await _http.SendAsync(message, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Invariants.Check(request, response, body);
        if (request.Creates && !response.IsSuccessStatusCode && await CountAsync(cancellationToken) != before)
            throw new InvariantException($"A refused request ({(int)response.StatusCode}) created something: {body}");
    }

    /// <summary>Clients and admin keys: what a creating request would add.</summary>
    private async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(databaseConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var count = new NpgsqlCommand("SELECT (SELECT count(*) FROM clients) + (SELECT count(*) FROM admin_api_keys) + (SELECT count(*) FROM initial_access_tokens) + (SELECT count(*) FROM software_statement_issuers)", connection);
        return (long)(await count.ExecuteScalarAsync(cancellationToken))!;
    }
}
