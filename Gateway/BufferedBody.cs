using Microsoft.AspNetCore.Http.Features;

namespace ClientPlatform.Gateway;

/// <summary>
/// Refuses request bodies over <see cref="GatewayLimits.MaxRequestBodyBytes"/> with 413 and a JSON error,
/// whether the size is announced (Content-Length) or not (chunked, or an HTTP/2 stream without it: buffered up
/// to the limit). This is the limit; Kestrel's own is higher (<see cref="GatewayLimits.MaxDrainedBodyBytes"/>)
/// only so that it can read and drop the rest of a refused body after the answer.
/// </summary>
internal static class BodySizeLimit
{
    public static async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        var request = context.Request;
        if (request.ContentLength > GatewayLimits.MaxRequestBodyBytes)
        {
            await GatewayErrors.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "invalid_request",
                $"The request body is larger than {GatewayLimits.MaxRequestBodyBytes} bytes.");
            return;
        }
        if (request.ContentLength is null && context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true)
        {
            var buffer = new MemoryStream();
            var chunk = new byte[8192];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                if (buffer.Length + read > GatewayLimits.MaxRequestBodyBytes)
                {
                    await GatewayErrors.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "invalid_request",
                        $"The request body is larger than {GatewayLimits.MaxRequestBodyBytes} bytes.");
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
}
