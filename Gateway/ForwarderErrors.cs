using Yarp.ReverseProxy.Forwarder;

namespace ClientPlatform.Gateway;

/// <summary>
/// When no replica answered, the forwarder sets a status and writes nothing: clients got 502 and 503 with empty bodies
/// (issue 36). Here each gets a body in its route's format (<see cref="GatewayErrors"/>) and a <c>Retry-After</c>, since
/// another try soon goes to a replica that answers. Outermost in the proxy pipeline, after every retry was spent.
/// </summary>
internal static class ForwarderErrors
{
    public static async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        await next();
        if (context.GetForwarderErrorFeature() is not { } failure || context.Response.HasStarted || context.RequestAborted.IsCancellationRequested)
            return; // answered, or half answered (nothing can be added), or nobody is listening any more
        var (status, description) = failure.Error switch
        {
            ForwarderError.NoAvailableDestinations => (StatusCodes.Status503ServiceUnavailable, "No replica of this service is available."),
            ForwarderError.RequestTimedOut => (StatusCodes.Status504GatewayTimeout, "The service did not answer in time."),
            // The body was read whole before forwarding (BufferedBody), so a body that failed on the way is never the client's.
            _ => (StatusCodes.Status502BadGateway, "The service could not be reached."),
        };
        context.Response.Clear();
        await GatewayErrors.WriteAsync(context, status, GatewayErrors.TemporarilyUnavailable, description, GatewayErrors.RetryAfter);
    }
}
