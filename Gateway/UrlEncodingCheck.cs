using ClientPlatform.ServiceDefaults;

namespace ClientPlatform.Gateway;

/// <summary>
/// A request target whose percent-encoded bytes are not UTF-8 is refused here, at the edge (issue 15): past the
/// gateway it could no longer be told apart, since forwarding re-encodes the '%' of the literal "%FF" Kestrel keeps.
/// </summary>
internal static class UrlEncodingCheck
{
    public static async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        if (!PercentEncoding.IsUtf8(PercentEncoding.RawPath(context)))
        {
            await GatewayErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "invalid_request", $"path: {PercentEncoding.NotUtf8}");
            return;
        }
        await next();
    }
}
