using System.Text.Json;
using System.Text.Json.Nodes;
using ClientPlatform.Clients.Core.OAuth;
using Names = ClientPlatform.Clients.Core.OAuth.ClientMetadataNames;

namespace ClientPlatform.Clients.Core.Registration;

/// <summary>
/// The rules of a Client ID Metadata Document (draft-ietf-oauth-client-id-metadata-document, issue 35): a client whose
/// <c>client_id</c> is an https URL serving its own metadata. The URL's rules (§3), then the document's (§4.1): what
/// RFC 7591 §2 asks of any registration, and on top of it that the document names itself, holds no shared secret and
/// lists its redirect URIs. Pure functions: the resolver fetches, these judge.
/// </summary>
public static class ClientIdMetadataDocument
{
    /// <summary>The largest document fetched (the draft's §6.6 advice: 5 KB).</summary>
    public const int MaxBytes = 5 * 1024;

    /// <summary>
    /// The authentication methods such a client may use (§4.1): none, or a key it publishes. A shared secret cannot be
    /// agreed through a public document.
    /// </summary>
    public static IReadOnlyList<string> AuthMethods { get; } = ["none", "private_key_jwt"];

    /// <summary>Why <paramref name="clientId"/> cannot be a metadata document's URL (§3), or null.</summary>
    public static string? UrlProblem(string clientId)
    {
        if (clientId.Length > ClientLimits.ClientIdMaxLength)
            return $"must be at most {ClientLimits.ClientIdMaxLength} characters";
        if (clientId.Any(c => c <= ' ' || c >= '\u007f'))
            return "must be a URL of printable ASCII characters";
        if (!Uri.TryCreate(clientId, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
            return "must be an absolute https URL";
        if (uri.UserInfo.Length > 0)
            return "must not hold a user name or password";
        if (clientId.Contains('#'))
            return "must not hold a fragment";
        // The path as written: Uri would already have removed the dot segments it must not hold.
        var afterAuthority = clientId[(clientId.IndexOf("//", StringComparison.Ordinal) + 2)..];
        var slash = afterAuthority.IndexOf('/');
        var path = slash < 0 ? "" : afterAuthority[slash..].Split('?')[0];
        if (path.Length <= 1)
            return "must have a path (https://host/path)";
        // Percent-encoded dots too (RFC 3986 §2.3: %2E is a dot): Uri would normalise "/%2e%2e/" away like "/../".
        if (path.Split('/').Select(segment => segment.Replace("%2e", ".", StringComparison.OrdinalIgnoreCase)).Any(segment => segment is "." or ".."))
            return "must not hold a '.' or '..' path segment";
        // The admin API's routes carry a client id as one path segment, where an encoded slash stays encoded.
        if (clientId.Contains("%2f", StringComparison.OrdinalIgnoreCase))
            return "must not hold an encoded slash (%2F)";
        return null;
    }

    /// <summary>
    /// The metadata of the document fetched from <paramref name="clientId"/>, or the first rule it breaks, in RFC 7591
    /// §3.2.2's terms (<c>invalid_client_metadata</c>, <c>invalid_redirect_uri</c>). An omitted
    /// <c>token_endpoint_auth_method</c> is <c>none</c>: RFC 7591's default of a client secret cannot apply here.
    /// </summary>
    public static MetadataResult Validate(string clientId, JsonElement document, RedirectUriPolicy redirectUris = RedirectUriPolicy.Permissive)
    {
        if (document.ValueKind != JsonValueKind.Object)
            return MetadataResult.Invalid(OAuthErrors.InvalidClientMetadata, "the document must be a JSON object");
        if (ClientMetadataValidator.RepeatedMember(document) is { } repeated)
            return MetadataResult.Invalid(OAuthErrors.InvalidClientMetadata, repeated);
        if (!document.TryGetProperty(Names.ClientId, out var named) || named.ValueKind != JsonValueKind.String)
            return MetadataResult.Invalid(OAuthErrors.InvalidClientMetadata, $"{Names.ClientId}: required, the document's own URL");
        if (!string.Equals(named.GetString(), clientId, StringComparison.Ordinal))
            return MetadataResult.Invalid(OAuthErrors.InvalidClientMetadata, $"{Names.ClientId}: must equal the document's URL exactly, not '{named.GetString()}'");
        foreach (var secret in new[] { Names.ClientSecret, Names.ClientSecretExpiresAt })
            if (document.TryGetProperty(secret, out _))
                return MetadataResult.Invalid(OAuthErrors.InvalidClientMetadata, $"{secret}: must not be in a client ID metadata document");
        if (!document.TryGetProperty(Names.RedirectUris, out var redirects) || redirects.ValueKind != JsonValueKind.Array || redirects.GetArrayLength() == 0)
            return MetadataResult.Invalid(OAuthErrors.InvalidRedirectUri, $"{Names.RedirectUris}: required, with at least one URI");

        var body = document;
        if (!document.TryGetProperty(Names.TokenEndpointAuthMethod, out _))
        {
            var withMethod = JsonNode.Parse(document.GetRawText())!.AsObject();
            withMethod[Names.TokenEndpointAuthMethod] = "none";
            body = JsonSerializer.SerializeToElement(withMethod);
        }
        var result = ClientMetadataValidator.Validate(body, MetadataSource.Registration, redirectUris);
        if (result.Metadata is { } metadata && !AuthMethods.Contains(metadata.TokenEndpointAuthMethod))
            return MetadataResult.Invalid(OAuthErrors.InvalidClientMetadata,
                $"{Names.TokenEndpointAuthMethod}: must be one of {string.Join(", ", AuthMethods)} in a client ID metadata document, not '{metadata.TokenEndpointAuthMethod}'");
        return result;
    }
}
