using ClientPlatform.Clients.Core.Security;
using ClientPlatform.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace ClientPlatform.Clients.Infrastructure.Security;

/// <summary>
/// <see cref="StorableText"/> at the edge of both APIs: every query parameter (name and value), route value and
/// header a service reads is checked before any endpoint runs — so before any query, the credential's lookup
/// included — and refused with a 400 naming it. Each API answers in its own format (RFC 6749 §5.2 JSON on
/// /register, problem+json on the admin API).
/// </summary>
public static class RequestTextGuard
{
    /// <summary>The headers that reach the database or the audit log (the credential, and the caller's agent).</summary>
    private static readonly string[] ReadHeaders = [HeaderNames.Authorization, HeaderNames.UserAgent];

    /// <param name="refuse">Writes the API's 400 invalid_request with the description it is given.</param>
    public static IApplicationBuilder UseRequestTextGuard(this IApplicationBuilder app, Func<HttpContext, string, Task> refuse) =>
        app.Use(async (context, next) =>
        {
            if (Problem(context.Request) is { } problem)
                await refuse(context, problem);
            else
                await next(context);
        });

    /// <summary>The first piece of text that cannot be stored, as "{name}: {why}", or null.</summary>
    public static string? Problem(HttpRequest request)
    {
        // Raw first: a byte sequence that is not UTF-8 survives decoding as its literal "%FF".
        if (!PercentEncoding.IsUtf8(PercentEncoding.RawPath(request.HttpContext)))
            return $"path: {PercentEncoding.NotUtf8}";
        foreach (var pair in (request.QueryString.Value ?? "").TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
            if (!PercentEncoding.IsUtf8(pair))
                return $"{StorableText.Printable(Uri.UnescapeDataString(pair.Split('=', 2)[0]))}: {PercentEncoding.NotUtf8}";
        foreach (var (name, values) in request.Query)
        {
            if (StorableText.Problem(name) is { } badName)
                return $"query parameter name '{StorableText.Printable(name)}': {badName}";
            foreach (var value in values)
                if (value is not null && StorableText.Problem(value) is { } badValue)
                    return $"{name}: {badValue}";
        }
        foreach (var (name, value) in request.RouteValues)
            if (value is string text && StorableText.Problem(text) is { } badSegment)
                return $"{name}: {badSegment}";
        foreach (var header in ReadHeaders)
            foreach (var value in request.Headers[header])
                if (value is not null && StorableText.Problem(value) is { } badHeader)
                    return $"{header} header: {badHeader}";
        return null;
    }
}
