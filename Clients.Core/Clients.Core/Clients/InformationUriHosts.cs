using Names = ClientPlatform.Clients.Core.OAuth.ClientMetadataNames;

namespace ClientPlatform.Clients.Core;

/// <summary>
/// RFC 7591 §5: the client_uri, logo_uri, tos_uri and policy_uri SHOULD be on the host and scheme of the
/// redirect URIs, or an end user may be shown a trustworthy-looking page that belongs to someone else. Not a
/// reason to refuse (DCR-49: accepted), but worth an administrator's eye: the mismatches are audited.
/// </summary>
public static class InformationUriHosts
{
    /// <summary>Each informational member whose scheme and host match no redirect URI's, with that URI.</summary>
    public static IReadOnlyList<(string Field, string Uri)> Mismatches(ClientMetadata metadata)
    {
        var origins = metadata.RedirectUris.Select(Origin).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (origins.Count == 0)
            return [];
        (string Field, string? Uri)[] members =
        [
            (Names.ClientUri, metadata.ClientUri), (Names.LogoUri, metadata.LogoUri),
            (Names.TosUri, metadata.TosUri), (Names.PolicyUri, metadata.PolicyUri),
        ];
        return members
            .Where(m => m.Uri is not null && Origin(m.Uri) is { } origin && !origins.Contains(origin))
            .Select(m => (m.Field, m.Uri!))
            .ToList();
    }

    private static string? Origin(string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.Host.Length > 0 ? $"{parsed.Scheme}://{parsed.IdnHost}" : null;
}
