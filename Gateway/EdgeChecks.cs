using System.Buffers;
using ClientPlatform.ServiceDefaults;

namespace ClientPlatform.Gateway;

/// <summary>
/// What the gateway refuses itself, at the edge (issue 15), with a 400 invalid_request naming what is wrong:
/// <list type="bullet">
/// <item>a request target whose percent-encoded bytes are not UTF-8: past the gateway it could no longer be
/// told apart, since forwarding re-encodes the '%' of the literal "%FF" that Kestrel keeps;</item>
/// <item>a header value with a control character or a byte outside ASCII (obs-text, obsolete since RFC 7230 and
/// RFC 9110 §5.5): the forwarder cannot send it on, and answered 502;</item>
/// <item>content on a GET or HEAD (RFC 9110 §9.3.1, §9.3.2: it has no meaning there, and is refused as a request
/// smuggling lever): passed on, an API that never reads it could end the exchange with the body half sent, and the
/// reset that follows could cut the answer short (seen once in the fuzz run).</item>
/// </list>
/// </summary>
internal static class EdgeChecks
{
    // Visible ASCII and the space (RFC 9110 §5.5: field-vchar and SP), and HTAB.
    private static readonly SearchValues<char> AllowedInHeader =
        SearchValues.Create(['\t', .. Enumerable.Range(' ', '~' - ' ' + 1).Select(c => (char)c)]);

    public static async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        if (Problem(context) is { } problem)
        {
            await GatewayErrors.WriteAsync(context, StatusCodes.Status400BadRequest, GatewayErrors.InvalidRequest, problem);
            return;
        }
        await next();
    }

    private static string? Problem(HttpContext context)
    {
        if (!PercentEncoding.IsUtf8(PercentEncoding.RawPath(context)))
            return $"path: {PercentEncoding.NotUtf8}";
        var request = context.Request;
        if ((HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true)
            return $"a {request.Method} request takes no content (RFC 9110, section 9.3.1)";
        foreach (var (name, values) in context.Request.Headers)
            foreach (var value in values)
                if (value is not null && value.AsSpan().ContainsAnyExcept(AllowedInHeader))
                    return $"{name} header: must be visible ASCII (RFC 9110, section 5.5)";
        return null;
    }
}
