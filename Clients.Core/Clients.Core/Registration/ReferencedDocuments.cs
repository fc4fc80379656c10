using System.Text.Json;
using ClientPlatform.Clients.Core.OAuth;
using ClientPlatform.Clients.Core.Security;
using Microsoft.Extensions.Logging;

namespace ClientPlatform.Clients.Core.Registration;

/// <summary>
/// The documents a client's metadata points at, checked after its rules (<see cref="ClientMetadataValidator"/>) on both APIs:
/// <list type="bullet">
/// <item><c>jwks_uri</c>, which the authorization server will fetch for <c>private_key_jwt</c>: refused when it names a
/// loopback, private or link-local address or a local-only name, like an issuer's (unless
/// <see cref="OutboundFetchOptions.AllowPrivateAddresses"/>), so that a client cannot aim the authorization server at
/// the platform's own network;</item>
/// <item><c>sector_identifier_uri</c> (OpenID Connect Dynamic Client Registration 1.0 §5): an https URL of a JSON array of
/// redirect URIs, every one of which the client registers must be in it — the proof that those hosts belong to one
/// sector for pairwise subject identifiers. It is fetched through the guarded client (<see cref="GuardedFetch"/>), kept
/// like any fetched document, and a registration whose document cannot be fetched or does not list its redirect URIs
/// is refused; why a fetch failed goes to the log, not to the caller.</item>
/// </list>
/// Errors are RFC 7591 §3.2.2 invalid_client_metadata.
/// </summary>
public sealed class ReferencedDocuments(GuardedFetch fetch, TimeProvider time, ILogger<ReferencedDocuments> logger)
{
    public const int MaxDocumentBytes = 65_536;
    private readonly FetchedDocuments<IReadOnlySet<string>?> _documents = new(time);

    /// <param name="before">The metadata as registered until now (an update): checked again only when the
    /// sector_identifier_uri or the redirect URIs change, what was proven once staying proven.</param>
    /// <returns>The RFC 7591 §3.2.2 error refusing the metadata, or null (no sector_identifier_uri, or it lists them all).</returns>
    public async Task<MetadataError?> CheckAsync(ClientMetadata metadata, ClientMetadata? before, CancellationToken cancellationToken)
    {
        if (metadata.JwksUri is { } jwksUri && !fetch.Options.AllowPrivateAddresses && PrivateAddresses.NamesLocalHost(jwksUri))
            return new(OAuthErrors.InvalidClientMetadata,
                $"{ClientMetadataNames.JwksUri}: must not point at a loopback, private or link-local address, or a name only a local network resolves");
        if (metadata.SectorIdentifierUri is not { } uri)
            return null;
        if (before is not null && before.SectorIdentifierUri == uri && before.RedirectUris.SequenceEqual(metadata.RedirectUris, StringComparer.Ordinal))
            return null;
        if (fetch.UriProblem(uri) is { } problem)
            return Error($"{problem}");
        var listed = await _documents.GetAsync(uri, fetch.Options.CacheLifetime, fetch.Options.FailureCacheLifetime, () => FetchAsync(uri), cancellationToken);
        if (listed is null)
            return Error("could not be fetched as a JSON array of redirect URIs (OpenID Connect Registration §5)");
        for (var i = 0; i < metadata.RedirectUris.Count; i++)
            if (!listed.Contains(metadata.RedirectUris[i]))
                return Error($"does not list {ClientMetadataNames.RedirectUris}[{i}] '{metadata.RedirectUris[i]}': it must list every redirect URI (OpenID Connect Registration §5)");
        return null;
    }

    /// <summary>The URIs the document lists, or null when it cannot be had (the reason logged).</summary>
    private async Task<IReadOnlySet<string>?> FetchAsync(string uri)
    {
        try
        {
            using var document = JsonDocument.Parse(await fetch.GetStringAsync(uri, MaxDocumentBytes, CancellationToken.None));
            if (document.RootElement.ValueKind != JsonValueKind.Array || document.RootElement.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
                throw new FetchFailedException($"{uri} is not a JSON array of strings");
            return document.RootElement.EnumerateArray().Select(e => e.GetString()!).ToHashSet(StringComparer.Ordinal);
        }
        catch (Exception e) when (e is FetchFailedException or JsonException)
        {
            Log.FetchFailed(logger, ClientMetadataNames.SectorIdentifierUri, e.Message);
            return null;
        }
    }

    private static MetadataError Error(string problem) =>
        new(OAuthErrors.InvalidClientMetadata, $"{ClientMetadataNames.SectorIdentifierUri}: {problem}");
}
