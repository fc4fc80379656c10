using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using ClientPlatform.Clients.Core.Security;
using Microsoft.IdentityModel.Tokens;

namespace ClientPlatform.Clients.Core.Registration;

/// <summary>Where and how the keys of a trusted issuer's jwks_uri are fetched (set by the registration API's settings).</summary>
/// <param name="AllowPrivateAddresses">Fetch from loopback and private networks, and over plain HTTP (development and tests only).</param>
public sealed record JwksFetchSettings(TimeSpan Timeout, TimeSpan CacheLifetime, bool AllowPrivateAddresses);

/// <summary>
/// The signing keys behind a jwks_uri, fetched with a timeout, a size limit and no redirects, cached per process
/// and fetched again after <see cref="JwksFetchSettings.CacheLifetime"/> or when a statement names a key the cache
/// lacks (the issuer rotated), at most once per <see cref="RefreshFloor"/>. Connections are made only to public
/// addresses, checked on the address actually connected to, so a name re-bound to an internal address between
/// lookup and connect is refused too.
/// </summary>
public sealed class JwksSource : IDisposable
{
    public const int MaxDocumentBytes = 65_536;
    private static readonly TimeSpan RefreshFloor = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, (DateTimeOffset Fetched, IReadOnlyList<SecurityKey> Keys)> _cache = new();
    private readonly JwksFetchSettings _settings;
    private readonly TimeProvider _time;
    private readonly HttpClient _http;

    public JwksSource(JwksFetchSettings settings, TimeProvider time)
    {
        _settings = settings;
        _time = time;
        _http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            ConnectCallback = ConnectAsync,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        })
        {
            Timeout = settings.Timeout,
            MaxResponseContentBufferSize = MaxDocumentBytes,
        };
    }

    /// <summary>The URL's keys; <paramref name="refresh"/> asks for a fresh copy (a key id was not found).</summary>
    /// <exception cref="JwksUnavailableException">The document could not be fetched or read.</exception>
    public async Task<IReadOnlyList<SecurityKey>> GetAsync(string jwksUri, bool refresh, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (_cache.TryGetValue(jwksUri, out var cached)
            && (refresh ? now - cached.Fetched < RefreshFloor : now - cached.Fetched < _settings.CacheLifetime))
            return cached.Keys;
        var keys = await FetchAsync(jwksUri, cancellationToken);
        _cache[jwksUri] = (now, keys);
        return keys;
    }

    /// <summary>Whether a jwks_uri may be fetched at all: https, unless private addresses are allowed (development).</summary>
    public string? UriProblem(string jwksUri) =>
        !Uri.TryCreate(jwksUri, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.UserInfo.Length > 0
            ? "must be an absolute https URL without user information"
            : uri.Scheme == "http" && !_settings.AllowPrivateAddresses ? "must use https" : null;

    private async Task<IReadOnlyList<SecurityKey>> FetchAsync(string jwksUri, CancellationToken cancellationToken)
    {
        if (UriProblem(jwksUri) is { } problem)
            throw new JwksUnavailableException($"the issuer's jwks_uri {problem}");
        try
        {
            using var response = await _http.GetAsync(jwksUri, cancellationToken);
            if (!response.IsSuccessStatusCode)
                throw new JwksUnavailableException($"the issuer's jwks_uri answered {(int)response.StatusCode}");
            var keys = new JsonWebKeySet(await response.Content.ReadAsStringAsync(cancellationToken)).GetSigningKeys();
            return keys.Count == 0 ? throw new JwksUnavailableException("the issuer's jwks_uri holds no usable signing key") : [.. keys];
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or ArgumentException or InvalidOperationException
                                      && !cancellationToken.IsCancellationRequested)
        {
            throw new JwksUnavailableException($"the issuer's keys could not be fetched from its jwks_uri ({e.Message})");
        }
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
        var allowed = addresses.Where(a => _settings.AllowPrivateAddresses || !PrivateAddresses.IsPrivate(a)).ToArray();
        if (allowed.Length == 0)
            throw new HttpRequestException($"{context.DnsEndPoint.Host} has no public address");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>A jwks_uri that could not give keys: the statement cannot be verified.</summary>
public sealed class JwksUnavailableException(string message) : Exception(message);
