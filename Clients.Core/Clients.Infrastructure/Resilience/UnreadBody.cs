using System.Buffers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ClientPlatform.Clients.Infrastructure.Resilience;

/// <summary>
/// Reads what is left of a request's body once it has been answered, before the request ends. An API that answers
/// early — 429 from a rate limit, 401 for a credential, 400 from the text guard — leaves the body unread; over HTTP/2,
/// which the gateway speaks to the replicas, Kestrel then resets the stream, and the gateway (YARP) logged each such
/// answer as a Warning (RequestBodyClient, RequestBodyDestination): a flood of refused requests was a flood of
/// warnings in the dashboard (measured: 183 for 1,857 rate-limited registrations and 100 refused updates). Bodies come
/// through the gateway, which reads each whole first and refuses more than 64 KiB; a longer one is left unread.
/// </summary>
public static class UnreadBody
{
    /// <summary>The most read here; the gateway forwards no larger body (Gateway's BufferedBody).</summary>
    public const int MaxDrained = 64 * 1024;

    /// <summary>Outermost in an API's pipeline, so that it runs after every answer, error pages included.</summary>
    public static WebApplication UseUnreadBodyDrain(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            await next(context);
            await DrainAsync(context);
        });
        return app;
    }

    private static async Task DrainAsync(HttpContext context)
    {
        var request = context.Request;
        var hasBody = request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);
        if (!hasBody || request.ContentLength > MaxDrained || context.RequestAborted.IsCancellationRequested)
            return;
        var buffer = ArrayPool<byte>.Shared.Rent(8 * 1024);
        try
        {
            var total = 0;
            int read;
            while (total < MaxDrained && (read = await request.Body.ReadAsync(buffer.AsMemory(0, Math.Min(buffer.Length, MaxDrained - total)), context.RequestAborted)) > 0)
                total += read;
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or BadHttpRequestException or InvalidOperationException)
        {
            // The caller went away or the body was already consumed elsewhere: nothing left to read.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
