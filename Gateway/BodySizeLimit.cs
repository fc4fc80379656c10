namespace ClientPlatform.Gateway;

/// <summary>
/// Refuses request bodies over <see cref="GatewayLimits.MaxRequestBodyBytes"/> with 413 and a JSON error,
/// whether the size is announced (Content-Length) or not (chunked, which is buffered up to the limit).
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
        if (request.ContentLength is null && (request.Headers.TransferEncoding.Count > 0))
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
