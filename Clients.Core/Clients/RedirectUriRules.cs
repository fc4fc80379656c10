using System.Net;

namespace ClientPlatform.Clients.Core;

/// <summary>
/// The one rule set for redirect URIs on both APIs (design.md §7 C-15; RFC 7591 §5, RFC 6749 §3.1.2,
/// RFC 8252 §7): https to any host; http only to the loopback interface (any port); private-use schemes
/// such as <c>com.example.app:/cb</c> or <c>cursor://…</c> whatever the application_type, because real
/// native and MCP clients register them. Refused: relative URIs, fragments, userinfo, wildcards, http to
/// any other host, and schemes that run code or read local data.
/// </summary>
public static class RedirectUriRules
{
    private static readonly HashSet<string> DangerousSchemes = new(StringComparer.OrdinalIgnoreCase)
    {
        "javascript", "vbscript", "data", "file", "blob", "about", "filesystem", "view-source", "mailto", "ftp", "ws", "wss",
    };

    /// <returns>Why the URI is refused, or null when it is acceptable.</returns>
    public static string? Check(string value)
    {
        if (value.Length == 0)
            return "must not be empty";
        if (value.Length > ClientLimits.UriMaxLength)
            return $"must be at most {ClientLimits.UriMaxLength} characters";
        if (value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            return "must not contain spaces or control characters";
        // Checked on the raw text: Uri would quietly drop an empty fragment ("…/cb#").
        if (value.Contains('#'))
            return "must not contain a fragment (RFC 6749 §3.1.2)";
        if (value.Contains('*'))
            return "must not contain a wildcard";
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || !HasScheme(value))
            return "must be an absolute URI (RFC 6749 §3.1.2)";
        if (!string.IsNullOrEmpty(uri.UserInfo))
            return "must not contain user information";
        if (DangerousSchemes.Contains(uri.Scheme))
            return $"the '{uri.Scheme}' scheme is not allowed";
        return uri.Scheme.ToLowerInvariant() switch
        {
            "https" => string.IsNullOrEmpty(uri.Host) ? "must name a host" : null,
            "http" => IsLoopback(uri) ? null : "http is allowed only to the loopback interface (localhost, 127.0.0.1, [::1]); use https",
            _ => null, // a private-use scheme (RFC 8252 §7.1)
        };
    }

    /// <summary>True for http(s) URLs that are absolute; what client_uri, logo_uri, tos_uri and policy_uri must be.</summary>
    public static string? CheckWebUrl(string value, bool httpsOnly = false)
    {
        if (value.Length > ClientLimits.UriMaxLength)
            return $"must be at most {ClientLimits.UriMaxLength} characters";
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || !HasScheme(value) || string.IsNullOrEmpty(uri.Host))
            return "must be an absolute URL";
        if (!string.IsNullOrEmpty(uri.UserInfo))
            return "must not contain user information";
        return uri.Scheme.ToLowerInvariant() switch
        {
            "https" => null,
            "http" when !httpsOnly => null,
            _ => httpsOnly ? "must be an https URL" : "must be an http or https URL",
        };
    }

    // Uri.TryCreate accepts "/cb" as an absolute file path on Unix; a real absolute URI starts with "scheme:".
    private static bool HasScheme(string value)
    {
        var colon = value.IndexOf(':');
        return colon > 0 && char.IsAsciiLetter(value[0]) && value[..colon].All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.');
    }

    // RFC 8252 §7.3 and §8.3: the loopback interface by name or literal address, never a name that merely starts like one.
    private static bool IsLoopback(Uri uri) =>
        uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address) && uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6);
}
