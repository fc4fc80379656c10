using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace ClientPlatform.Clients.Core.Security;

/// <summary>
/// The one HTTP client for URLs a caller named: https only (unless private addresses are allowed, for development),
/// no user information, a timeout, a size limit, no redirects, and no proxy — connections go straight to the URL's
/// host, and only to public addresses, checked on the address actually connected to (a name re-bound to an internal
/// address between lookup and connect is refused too; through a proxy, only the proxy's address could be checked).
/// A fetcher of its own may trust more (issue 35, metadata documents): listed private networks, and certificate
/// authorities beside the system's.
/// </summary>
public sealed class GuardedFetch : IDisposable
{
    private readonly OutboundFetchOptions _options;
    private readonly IReadOnlyList<IPNetwork> _allowedPrivate;
    private readonly X509Certificate2Collection? _extraRoots;
    private readonly HttpClient _http;

    public GuardedFetch(IOptions<OutboundFetchOptions> options) : this(options.Value)
    {
    }

    /// <param name="allowedPrivate">Private networks that may be connected to all the same (every other stays refused).</param>
    /// <param name="extraRoots">Certificate authorities trusted for this fetcher's connections, beside the system's.</param>
    public GuardedFetch(OutboundFetchOptions options, IReadOnlyList<IPNetwork>? allowedPrivate = null, X509Certificate2Collection? extraRoots = null)
    {
        _options = options;
        _allowedPrivate = allowedPrivate ?? [];
        _extraRoots = extraRoots is { Count: > 0 } ? extraRoots : null;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            ConnectCallback = ConnectAsync,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        if (_extraRoots is not null)
            handler.SslOptions.RemoteCertificateValidationCallback = ValidateCertificate;
        _http = new HttpClient(handler) { Timeout = _options.Timeout };
    }

    public OutboundFetchOptions Options => _options;

    /// <summary>Why a URL may not be fetched at all, or null.</summary>
    public string? UriProblem(string url) =>
        !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.UserInfo.Length > 0
            ? "must be an absolute https URL without user information"
            : uri.Scheme == "http" && !_options.AllowPrivateAddresses ? "must use https" : null;

    /// <summary>The body of a successful answer, at most <paramref name="maxBytes"/>.</summary>
    /// <exception cref="FetchFailedException">Not fetched: the reason is for the operator's log, never for the caller.</exception>
    public async Task<string> GetStringAsync(string url, int maxBytes, CancellationToken cancellationToken) =>
        (await FetchAsync(url, maxBytes, cancellationToken)).Body;

    /// <summary>
    /// The body of a successful answer, at most <paramref name="maxBytes"/>, with how long its server lets it be reused
    /// (Cache-Control max-age; zero for no-store or no-cache; null when it says nothing).
    /// </summary>
    /// <exception cref="FetchFailedException">Not fetched: the reason says why.</exception>
    public async Task<FetchedBody> FetchAsync(string url, int maxBytes, CancellationToken cancellationToken)
    {
        if (UriProblem(url) is { } problem)
            throw new FetchFailedException($"the URL {problem}");
        try
        {
            using var response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
                throw new FetchFailedException($"{url} answered {(int)response.StatusCode}");
            if (response.Content.Headers.ContentLength > maxBytes)
                throw new FetchFailedException($"{url} announced {response.Content.Headers.ContentLength} bytes, more than {maxBytes}");
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            var buffer = new byte[maxBytes + 1];
            var read = 0;
            int chunk;
            while (read < buffer.Length && (chunk = await body.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0)
                read += chunk;
            if (read > maxBytes)
                throw new FetchFailedException($"{url} sent more than {maxBytes} bytes");
            var caching = response.Headers.CacheControl;
            var maxAge = caching is null ? (TimeSpan?)null : caching.NoStore || caching.NoCache ? TimeSpan.Zero : caching.MaxAge;
            return new FetchedBody(System.Text.Encoding.UTF8.GetString(buffer, 0, read), maxAge);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException && !cancellationToken.IsCancellationRequested)
        {
            throw new FetchFailedException($"{url} could not be fetched ({e.GetBaseException().Message})");
        }
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
        var allowed = addresses.Where(a => _options.AllowPrivateAddresses || !PrivateAddresses.IsPrivate(a) || _allowedPrivate.Any(n => n.Contains(a))).ToArray();
        if (allowed.Length == 0)
            throw new HttpRequestException($"{context.DnsEndPoint.Host} has no public address ({string.Join(", ", addresses.Select(a => a.ToString()))})");
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

    /// <summary>
    /// The system's verdict, or where it found no trusted root, the chain built again to the extra authorities only: the
    /// host name must still match and nothing else may be wrong.
    /// </summary>
    private bool ValidateCertificate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
            return true;
        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is null)
            return false;
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(_extraRoots!);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
            foreach (var element in chain.ChainElements.Skip(1))
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
        return custom.Build(certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>A fetched document and how long its server lets it be reused (null: it did not say).</summary>
public sealed record FetchedBody(string Body, TimeSpan? MaxAge);

/// <summary>A document that could not be fetched; the message is for the log.</summary>
public sealed class FetchFailedException(string message) : Exception(message);
