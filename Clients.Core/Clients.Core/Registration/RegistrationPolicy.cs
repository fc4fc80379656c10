using System.Text.Json.Serialization;
using ClientPlatform.Clients.Core.OAuth;

namespace ClientPlatform.Clients.Core.Registration;

/// <summary>
/// What an initial access token allows a registration to ask for (RFC 7591 §3: the server "MAY reject or
/// replace any of the client's requested metadata values"): we reject, naming the rule, rather than quietly
/// change what the client asked for. A null list allows anything.
/// A client registered with such a token keeps a copy of the policy for life (<see cref="Client.RegistrationPolicy"/>):
/// its own later updates are held to it too (design.md §3), as node-oidc-provider carries a token's policies over
/// to the registration access token. The member names are the admin API's, also as the copy is stored.
/// </summary>
public sealed record RegistrationPolicy(
    [property: JsonPropertyName("grant_types")] IReadOnlyList<string>? GrantTypes,
    [property: JsonPropertyName("redirect_uri_hosts")] IReadOnlyList<string>? RedirectUriHosts,
    [property: JsonPropertyName("scopes")] IReadOnlyList<string>? Scopes)
{
    public const int MaxEntries = 100;

    /// <summary>No list set: the token allows any registration, and the client keeps no policy.</summary>
    [JsonIgnore]
    public bool AllowsAnything => GrantTypes is null && RedirectUriHosts is null && Scopes is null;

    /// <summary>The first rule the metadata breaks, as an RFC 7591 §3.2.2 error, or null.</summary>
    public MetadataError? Check(ClientMetadata metadata)
    {
        if (GrantTypes is not null && metadata.GrantTypes.FirstOrDefault(g => !GrantTypes.Contains(g)) is { } grant)
            return new(OAuthErrors.InvalidClientMetadata,
                $"{ClientMetadataNames.GrantTypes}: '{grant}' is not allowed by the initial access token (allowed: {string.Join(", ", GrantTypes)})");
        if (RedirectUriHosts is not null && metadata.RedirectUris.FirstOrDefault(u => !HostAllowed(u)) is { } uri)
            return new(OAuthErrors.InvalidRedirectUri,
                $"{ClientMetadataNames.RedirectUris}: the host of '{uri}' is not allowed by the initial access token (allowed: {string.Join(", ", RedirectUriHosts)})");
        if (Scopes is not null && (metadata.Scope ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(s => !Scopes.Contains(s)) is { } scope)
            return new(OAuthErrors.InvalidClientMetadata,
                $"{ClientMetadataNames.Scope}: '{scope}' is not allowed by the initial access token (allowed: {string.Join(" ", Scopes)})");
        return null;
    }

    /// <summary>
    /// A host entry matches that host exactly (ASCII case-insensitive, RFC 3986 §3.2.2); <c>*.example.com</c>
    /// matches any subdomain of example.com, not example.com itself.
    /// </summary>
    private bool HostAllowed(string redirectUri)
    {
        if (!Uri.TryCreate(redirectUri, UriKind.Absolute, out var uri) || uri.IdnHost.Length == 0)
            return false; // a custom-scheme URI without a host cannot satisfy a host rule
        var host = uri.IdnHost;
        return RedirectUriHosts!.Any(allowed => allowed.StartsWith("*.", StringComparison.Ordinal)
            ? host.EndsWith(allowed[1..], StringComparison.OrdinalIgnoreCase) && host.Length > allowed.Length - 1
            : host.Equals(allowed, StringComparison.OrdinalIgnoreCase));
    }
}
