using Microsoft.AspNetCore.Http.Features;

namespace ClientPlatform.Gateway;

/// <summary>
/// Every request body is read whole before any replica sees it, up to <see cref="GatewayLimits.MaxRequestBodyBytes"/>;
/// beyond it the answer is 413 with a JSON error, whether the size is announced (Content-Length) or not (chunked, or
/// an HTTP/2 stream without it). The limit is this; Kestrel's own is higher (<see cref="GatewayLimits.MaxDrainedBodyBytes"/>)
/// only so that it can read and drop the rest of a refused body after the answer.
/// </summary>
/// <remarks>
/// Held in memory (a registration is about a kilobyte), the body can be sent again to another replica when the first
/// refused the connection (<see cref="RetryOnDeadReplica"/>), and a failure while forwarding it is then never the
/// client's: a replica that died mid-request made the forwarder blame the client's body, and the client got
/// 400 with an empty body for a valid registration (issue 36).
/// </remarks>
internal static class BufferedBody
{
    public static async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        var request = context.Request;
        if (request.ContentLength > GatewayLimits.MaxRequestBodyBytes)
        {
            await TooLargeAsync(context);
            return;
        }
        if (request.ContentLength > 0 || request.ContentLength is null && context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true)
        {
            var buffer = new MemoryStream(request.ContentLength is { } announced ? (int)announced : 8192);
            var chunk = new byte[8192];
            while (true)
            {
                int read;
                try
                {
                    read = await request.Body.ReadAsync(chunk, context.RequestAborted);
                }
                catch (BadHttpRequestException e) when (!context.RequestAborted.IsCancellationRequested)
                {
                    // Cut short (fewer bytes than Content-Length) or malformed framing: the client's error, said as such.
                    await GatewayErrors.WriteAsync(context, e.StatusCode, GatewayErrors.InvalidRequest, "The request body could not be read whole.");
                    return;
                }
                if (read == 0)
                    break;
                if (buffer.Length + read > GatewayLimits.MaxRequestBodyBytes)
                {
                    await TooLargeAsync(context);
                    return;
                }
                buffer.Write(chunk, 0, read);
            }
            buffer.Position = 0;
            request.Body = buffer;
            request.Headers.TransferEncoding = default;
            request.ContentLength = buffer.Length;
        }
        await next();
    }

    private static Task TooLargeAsync(HttpContext context) =>
        GatewayErrors.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, GatewayErrors.InvalidRequest,
            $"The request body is larger than {GatewayLimits.MaxRequestBodyBytes} bytes.");
}
