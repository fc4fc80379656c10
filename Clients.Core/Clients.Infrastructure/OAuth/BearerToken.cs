using System.Text.RegularExpressions;

using Microsoft.AspNetCore.Http;

namespace ClientPlatform.Clients.Infrastructure.OAuth;

/// <summary>How the request presented its bearer token (RFC 6750 §2).</summary>
public enum Presentation
{
    None,
    Malformed,
    Header,
}

/// <summary>
/// Reads the token from the Authorization header only (RFC 6750 §2.1; the scheme is case-insensitive,
/// RFC 9110 §11.1). Query and form tokens (§2.2, §2.3) are not supported: alone they count as no token,
/// beside a header they make the request malformed (§3.1 invalid_request).
/// </summary>
public static partial class BearerToken
{
    public static (Presentation Kind, string? Token, string? Problem) Read(HttpRequest request)
    {
        var headers = request.Headers.Authorization;
        var inQuery = request.Query.ContainsKey("access_token");
        if (headers.Count == 0)
            return (Presentation.None, null, null);
        if (headers.Count > 1)
            return (Presentation.Malformed, null, "more than one Authorization header");
        var value = headers[0] ?? "";
        var space = value.IndexOf(' ');
        var scheme = space < 0 ? value : value[..space];
        if (!scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
            return (Presentation.None, null, null); // another scheme carries no bearer token
        if (inQuery)
            return (Presentation.Malformed, null, "the token was sent in more than one way");
        var token = space < 0 ? "" : value[(space + 1)..].Trim(' ');
        if (token.Length == 0)
            return (Presentation.Malformed, null, "the Bearer scheme was sent without a token");
        if (!B64Token().IsMatch(token))
            return (Presentation.Malformed, null, "the token is not a b64token (RFC 6750 §2.1)");
        return (Presentation.Header, token, null);
    }

    [GeneratedRegex("^[A-Za-z0-9\\-._~+/]+=*$")]
    private static partial Regex B64Token();
}
