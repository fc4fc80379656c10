using ClientPlatform.Clients.Core.Security;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace ClientPlatform.Clients.Core.Registration;

/// <summary>
/// The signing keys behind a trusted issuer's jwks_uri, fetched through the guarded client (<see cref="GuardedFetch"/>:
/// public addresses only, no proxy, no redirects, at most <see cref="MaxDocumentBytes"/>), kept for
/// <see cref="OutboundFetchOptions.CacheLifetime"/> and fetched again sooner when a statement names a key the cache
/// lacks (the issuer rotated), at most once per <see cref="RefreshFloor"/>. Failures are remembered briefly and
/// concurrent fetches of one URL are one (<see cref="FetchedDocuments{T}"/>). Why a fetch failed goes to the log; the
/// caller learns only that the keys could not be fetched.
/// </summary>
public sealed class JwksSource(GuardedFetch fetch, TimeProvider time, ILogger<JwksSource> logger)
{
    public const int MaxDocumentBytes = 65_536;
    private static readonly TimeSpan RefreshFloor = TimeSpan.FromSeconds(30);
    private readonly FetchedDocuments<IReadOnlyList<SecurityKey>> _documents = new(time);

    /// <summary>The URL's keys; <paramref name="refresh"/> asks for a fresh copy (a key id was not found).</summary>
    /// <exception cref="JwksUnavailableException">The document could not be fetched or read.</exception>
    public Task<IReadOnlyList<SecurityKey>> GetAsync(string jwksUri, bool refresh, CancellationToken cancellationToken) =>
        _documents.GetAsync(jwksUri, refresh ? RefreshFloor : fetch.Options.CacheLifetime, fetch.Options.FailureCacheLifetime,
            () => FetchAsync(jwksUri), cancellationToken);

    private async Task<IReadOnlyList<SecurityKey>> FetchAsync(string jwksUri)
    {
        try
        {
            var keys = new JsonWebKeySet(await fetch.GetStringAsync(jwksUri, MaxDocumentBytes, CancellationToken.None)).GetSigningKeys();
            return keys.Count == 0 ? throw new FetchFailedException($"{jwksUri} holds no usable signing key") : [.. keys];
        }
        catch (Exception e) when (e is FetchFailedException or ArgumentException or InvalidOperationException)
        {
            Log.FetchFailed(logger, "jwks_uri", e.Message);
            throw new JwksUnavailableException("the issuer's keys could not be fetched from its jwks_uri");
        }
    }
}

/// <summary>A jwks_uri that could not give keys: the statement cannot be verified. The message is for the caller.</summary>
public sealed class JwksUnavailableException(string message) : Exception(message);
