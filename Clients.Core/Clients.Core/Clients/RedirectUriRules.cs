using System.Net;

namespace ClientPlatform.Clients.Core;

/// <summary>
/// The one rule set for redirect URIs on both APIs (design.md §7 C-15; RFC 7591 §5, RFC 6749 §3.1.2,
/// RFC 8252 §7): https to any host; http only to the loopback interface (any port); private-use schemes
/// such as <c>com.example.app:/cb</c> or <c>cursor://…</c> whatever the application_type, because real
/// native and MCP clients register them. Refused: relative URIs, fragments, userinfo, wildcards, http to
/// any other host, schemes that run code or read local data, and schemes that hand the URI to a platform or browser
/// handler rather than to the registering app (<c>intent:</c>, <c>jar:</c>, <c>ms-settings:</c>…): a code sent there
/// goes to whatever the platform routes it to. <see cref="CheckFor"/> adds the strict per-application_type allow-list
/// an operator can turn on (<see cref="RedirectUriPolicy.Strict"/>).
/// </summary>
public static class RedirectUriRules
{
    private static readonly HashSet<string> DangerousSchemes = new(StringComparer.OrdinalIgnoreCase)
    {
        // Code and local data.
        "javascript", "vbscript", "livescript", "mocha", "data", "file", "blob", "about", "filesystem", "view-source", "res", "resource",
        // Standard protocols that are no app's callback.
        "mailto", "ftp", "ws", "wss", "tel", "sms", "ldap", "telnet", "ssh", "news", "nntp", "irc", "gopher", "wais",
        // Platform and browser handlers: the URI goes to the operating system or the browser, not to the registering app.
        "jar", "intent", "android-app", "ms-settings", "ms-appx", "ms-appx-web", "ms-appdata", "ms-msdt", "ms-officecmd", "ms-word",
        "ms-excel", "search-ms", "search", "shell", "chrome", "chrome-extension", "moz-extension", "safari-extension", "edge", "opera",
        "wyciwyg", "x-apple-data-detectors", "itms-services", "content", "market",
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
        // Any scheme naming a script language (x-javascript, jscript…) is a way to run code, whatever its prefix.
        if (DangerousSchemes.Contains(uri.Scheme) || uri.Scheme.Contains("script", StringComparison.OrdinalIgnoreCase))
            return $"the '{uri.Scheme}' scheme is not allowed";
        return uri.Scheme.ToLowerInvariant() switch
        {
            "https" => string.IsNullOrEmpty(uri.Host) ? "must name a host" : null,
            "http" => IsLoopback(uri) ? null : "http is allowed only to the loopback interface (localhost, 127.0.0.1, [::1]); use https",
            _ => null, // a private-use scheme (RFC 8252 §7.1)
        };
    }

    /// <summary>
    /// The strict allow-list by application_type (<see cref="RedirectUriPolicy.Strict"/>), on top of <see cref="Check"/>:
    /// a web client redirects to https or the loopback interface; a native one to a private-use scheme in reverse-DNS
    /// form (RFC 8252 §7.1, e.g. <c>com.example.app:/cb</c>), a claimed https URL (§7.2) or the loopback interface (§7.3).
    /// </summary>
    /// <returns>Why the URI is refused for this application_type, or null.</returns>
    public static string? CheckFor(string value, string applicationType)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri))
            return "must be an absolute URI";
        var scheme = uri.Scheme.ToLowerInvariant();
        if (scheme == "https" || (scheme == "http" && IsLoopback(uri)))
            return null;
        return applicationType == "native"
            ? scheme.Contains('.') ? null : $"a native client's private-use scheme must be in reverse-DNS form, e.g. com.example.app: (RFC 8252 §7.1), not '{uri.Scheme}'"
            : $"a web client redirects only to https or the loopback interface, not to '{uri.Scheme}' (set application_type native for an app's own scheme)";
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
