using System.Net.Sockets;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace ClientPlatform.Gateway;

/// <summary>
/// When a replica has just died, a request to it fails before any response: the connection is refused,
/// or a kept-alive connection is reset. Rather than answer 502 until the health checks notice, the
/// request goes at once to another replica — when that is safe: a refused connection sent nothing (its body,
/// held whole by <see cref="BufferedBody"/>, is sent again from the start), and an idempotent request without a
/// body (GET, HEAD, OPTIONS, DELETE) can be sent again (RFC 9110 §9.2.2). Replicas in rotation are tried first,
/// then any other not tried yet: a replica whose probe is late may still answer.
/// </summary>
internal static class RetryOnDeadReplica
{
    public static async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        await next();
        if (context.GetForwarderErrorFeature() is null)
            return; // answered: the common case costs nothing more
        var feature = context.GetReverseProxyFeature();
        var tried = new HashSet<DestinationState>();
        while (IsRetryable(context.GetForwarderErrorFeature(), context.Request) && !context.Response.HasStarted
               && !context.RequestAborted.IsCancellationRequested
               && feature.ProxiedDestination is { } failed && tried.Add(failed))
        {
            var untried = feature.AllDestinations.Where(d => !tried.Contains(d)).ToList();
            var inRotation = untried.Where(ReplicaHealth.InRotation).ToList();
            var others = inRotation.Count > 0 ? inRotation : untried;
            if (others.Count == 0)
                return;
            context.Features.Set<IForwarderErrorFeature>(null);
            context.Response.Clear();
            if (context.Request.Body.CanSeek)
                context.Request.Body.Position = 0;
            feature.AvailableDestinations = others;
            await next();
        }
    }

    private static bool IsRetryable(IForwarderErrorFeature? error, HttpRequest request) =>
        error is { Error: ForwarderError.Request }
        && (error.Exception is HttpRequestException { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionRefused } }
            || IsIdempotentWithoutBody(request));

    private static bool IsIdempotentWithoutBody(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
         || HttpMethods.IsDelete(request.Method))
        && request.ContentLength is null or 0 && request.Headers.TransferEncoding.Count == 0;
}
