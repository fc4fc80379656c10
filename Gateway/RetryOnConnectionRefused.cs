using System.Net.Sockets;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace ClientPlatform.Gateway;

/// <summary>
/// When a replica refuses the connection (its process just died), the request was never sent, so it is
/// safe to send it to another replica at once rather than answer 502 until the health checks notice.
/// </summary>
internal static class RetryOnConnectionRefused
{
    public static async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        await next();
        var feature = context.GetReverseProxyFeature();
        var tried = new HashSet<DestinationState>();
        while (IsConnectionRefused(context.GetForwarderErrorFeature()) && !context.Response.HasStarted
               && feature.ProxiedDestination is { } failed && tried.Add(failed))
        {
            var others = feature.AllDestinations.Where(d => !tried.Contains(d) && d.Health.Active != DestinationHealth.Unhealthy).ToList();
            if (others.Count == 0)
                return;
            context.Features.Set<IForwarderErrorFeature>(null);
            context.Response.Clear();
            feature.AvailableDestinations = others;
            await next();
        }
    }

    private static bool IsConnectionRefused(IForwarderErrorFeature? error) =>
        error is { Error: ForwarderError.Request, Exception: HttpRequestException { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionRefused } } };
}
