using System.Text.Json;
using ClientPlatform.Clients.Core.Idempotency;
using ClientPlatform.Clients.Core.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using ClientPlatform.Clients.Infrastructure.Resilience;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ClientPlatform.Clients.Infrastructure.Idempotency;

/// <summary>Marks an endpoint that honours <c>Idempotency-Key</c> (a POST that creates or issues something).</summary>
public sealed record IdempotentEndpoint
{
    public static readonly IdempotentEndpoint Instance = new();
}

/// <summary>How an API words a refusal of a key: the status and a description, in that API's error format.</summary>
public delegate Task IdempotencyRefusal(HttpContext context, int status, string description);

/// <summary>
/// <c>Idempotency-Key</c> (draft-ietf-httpapi-idempotency-key-header) on the endpoints marked <see cref="IdempotentEndpoint"/>:
/// the first request with a key claims it in PostgreSQL (one row per key: on every replica at once, only one claim
/// succeeds), is answered as usual, and its answer is kept, sealed, for 24 h when it succeeded. A repeat with the same
/// key and the same request — also while the first is still being answered, on another replica — receives that
/// answer, the same secret included (<c>Idempotent-Replayed: true</c>); with another request, 422; a first request
/// still unanswered after <see cref="WaitLimit"/>, 409. A refusal or failure keeps nothing: the key may be used again.
/// </summary>
public static class IdempotencyKeyMiddleware
{
    /// <summary>How long a repeat waits for the first request's answer before it is told to try again (409).</summary>
    public static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A claim still unanswered this many request budgets after it was made belongs to a process that died (a request
    /// is cut at its budget, Requests:Budget): a repeat then takes it over rather than being told to wait for it.
    /// </summary>
    public const int AbandonedAfterBudgets = 2;

    public const string ReplayedHeader = "Idempotent-Replayed";

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    /// <summary>The headers a replay repeats: what says where the new thing is, its version, its type and that it is not to be cached.</summary>
    private static readonly string[] KeptHeaders = ["Location", "ETag", "Content-Type", "Cache-Control", "Pragma"];

    public static IApplicationBuilder UseIdempotencyKeys(this IApplicationBuilder app, IdempotencyRefusal refuse) =>
        app.Use(async (context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<IdempotentEndpoint>() is null
                || !context.Request.Headers.TryGetValue(IdempotencyKeys.Header, out var values))
            {
                await next(context);
                return;
            }
            if (values.Count != 1)
            {
                await refuse(context, StatusCodes.Status400BadRequest, $"{IdempotencyKeys.Header}: send it once");
                return;
            }
            var (key, problem) = IdempotencyKeys.Parse(values[0]!);
            if (problem is not null)
            {
                await refuse(context, StatusCodes.Status400BadRequest, problem);
                return;
            }
            await HonourAsync(context, next, key!, refuse);
        });

    private static async Task HonourAsync(HttpContext context, RequestDelegate next, string key, IdempotencyRefusal refuse)
    {
        var request = context.Request;
        request.EnableBuffering();
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, context.RequestAborted);
        request.Body.Position = 0;
        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? request.Path.Value;
        // The caller's credential scopes the key: an administrator's key is not another's; anonymous registration has none.
        var keyHash = IdempotencyKeys.Hash($"{request.Method} {route}", request.Headers.Authorization.ToString(), key);
        var fingerprint = IdempotencyKeys.Fingerprint(request.Method, request.Path.Value ?? "", body.GetBuffer().AsSpan(0, (int)body.Length));
        var db = context.RequestServices.GetRequiredService<ClientsDbContext>();
        var time = context.RequestServices.GetRequiredService<TimeProvider>();
        var abandonedAfter = AbandonedAfterBudgets * context.RequestServices.GetRequiredService<IOptions<RequestBudgetOptions>>().Value.Budget;
        var waitUntil = time.GetUtcNow() + WaitLimit;
        while (true)
        {
            var now = time.GetUtcNow();
            var expires = now + IdempotencyKeys.Window;
            var claimed = await db.Database.ExecuteSqlInterpolatedAsync(
                $"INSERT INTO idempotent_requests (key_hash, fingerprint, created_at, expires_at) VALUES ({keyHash}, {fingerprint}, {now}, {expires}) ON CONFLICT (key_hash) DO NOTHING",
                context.RequestAborted);
            if (claimed == 1)
            {
                await AnswerAndKeepAsync(context, next, db, keyHash, key);
                await RemoveExpiredAsync(db, now);
                return;
            }
            var first = await db.IdempotentRequests.AsNoTracking().FirstOrDefaultAsync(r => r.KeyHash == keyHash, context.RequestAborted);
            if (first is null)
                continue; // released meanwhile: claim it again
            if (first.ExpiresAt <= now || first.Status is null && first.CreatedAt <= now - abandonedAfter)
            {
                await db.Database.ExecuteSqlInterpolatedAsync(
                    $"DELETE FROM idempotent_requests WHERE key_hash = {keyHash} AND created_at = {first.CreatedAt}", context.RequestAborted);
                continue;
            }
            if (!first.Fingerprint.AsSpan().SequenceEqual(fingerprint))
            {
                await refuse(context, StatusCodes.Status422UnprocessableEntity,
                    $"{IdempotencyKeys.Header}: already used for another request within {IdempotencyKeys.Window.TotalHours:0} h; send a new key");
                return;
            }
            if (first is { Status: { } status, Answer: { } sealedAnswer })
            {
                await ReplayAsync(context, status, IdempotencyKeys.Open(key, sealedAnswer));
                return;
            }
            if (now >= waitUntil)
            {
                context.Response.Headers.RetryAfter = "1";
                await refuse(context, StatusCodes.Status409Conflict,
                    $"{IdempotencyKeys.Header}: the first request with this key is still being answered; send it again shortly");
                return;
            }
            await Task.Delay(Poll, time, context.RequestAborted);
        }
    }

    /// <summary>Runs the endpoint with its answer held back, keeps a success sealed with the key, then sends it.</summary>
    private static async Task AnswerAndKeepAsync(HttpContext context, RequestDelegate next, ClientsDbContext db, byte[] keyHash, string key)
    {
        var response = context.Response;
        var original = response.Body;
        using var buffer = new MemoryStream();
        response.Body = buffer;
        var kept = false;
        try
        {
            await next(context);
            if (response.StatusCode is >= 200 and < 300)
            {
                var answer = new KeptAnswer(
                    KeptHeaders.Where(h => response.Headers.ContainsKey(h)).ToDictionary(h => h, h => response.Headers[h].ToString()),
                    buffer.ToArray());
                var sealedAnswer = IdempotencyKeys.Seal(key, JsonSerializer.SerializeToUtf8Bytes(answer, KeptAnswerJson.Default.KeptAnswer));
                // Not the request's token: an answer the caller stopped waiting for is still kept for its repeat.
                kept = await db.Database.ExecuteSqlInterpolatedAsync(
                    $"UPDATE idempotent_requests SET status = {response.StatusCode}, answer = {sealedAnswer} WHERE key_hash = {keyHash}",
                    CancellationToken.None) == 1;
            }
        }
        finally
        {
            response.Body = original;
            if (!kept)
                await db.Database.ExecuteSqlInterpolatedAsync(
                    $"DELETE FROM idempotent_requests WHERE key_hash = {keyHash} AND status IS NULL", CancellationToken.None);
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    private static async Task ReplayAsync(HttpContext context, int status, byte[]? sealedAnswer)
    {
        var response = context.Response;
        if (sealedAnswer is null || JsonSerializer.Deserialize(sealedAnswer, KeptAnswerJson.Default.KeptAnswer) is not { } answer)
            throw new InvalidOperationException("A kept idempotent answer could not be opened with its own key.");
        response.StatusCode = status;
        foreach (var (name, value) in answer.Headers)
            response.Headers[name] = value;
        response.Headers[ReplayedHeader] = "true";
        response.ContentLength = answer.Body.Length;
        await response.Body.WriteAsync(answer.Body, context.RequestAborted);
    }

    /// <summary>A few expired keys at a time, after a first request: the table stays the size of a day's keys.</summary>
    private static Task RemoveExpiredAsync(ClientsDbContext db, DateTimeOffset now) =>
        db.Database.ExecuteSqlInterpolatedAsync(
            $"DELETE FROM idempotent_requests WHERE key_hash IN (SELECT key_hash FROM idempotent_requests WHERE expires_at <= {now} ORDER BY expires_at LIMIT 100)",
            CancellationToken.None);
}

/// <summary>What a replay repeats of the first answer: the headers it keeps and the body.</summary>
internal sealed record KeptAnswer(Dictionary<string, string> Headers, byte[] Body);

[System.Text.Json.Serialization.JsonSerializable(typeof(KeptAnswer))]
internal sealed partial class KeptAnswerJson : System.Text.Json.Serialization.JsonSerializerContext;

/// <summary>Marks endpoints as honouring <c>Idempotency-Key</c>.</summary>
public static class IdempotentEndpointExtensions
{
    public static TBuilder Idempotent<TBuilder>(this TBuilder endpoint) where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(IdempotentEndpoint.Instance);
}
