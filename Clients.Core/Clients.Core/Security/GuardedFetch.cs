using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace ClientPlatform.Clients.Core.Security;

/// <summary>
/// The one HTTP client for URLs a caller named: https only (unless private addresses are allowed, for development),
/// no user information, a timeout, a size limit, no redirects, and no proxy — connections go straight to the URL's
/// host, and only to public addresses, checked on the address actually connected to (a name re-bound to an internal
/// address between lookup and connect is refused too; through a proxy, only the proxy's address could be checked).
/// </summary>
public sealed class GuardedFetch : IDisposable
{
    private readonly OutboundFetchOptions _options;
    private readonly HttpClient _http;

    public GuardedFetch(IOptions<OutboundFetchOptions> options)
    {
        _options = options.Value;
        _http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            ConnectCallback = ConnectAsync,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        })
        {
            Timeout = _options.Timeout,
        };
    }

    public OutboundFetchOptions Options => _options;

    /// <summary>Why a URL may not be fetched at all, or null.</summary>
    public string? UriProblem(string url) =>
        !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.UserInfo.Length > 0
            ? "must be an absolute https URL without user information"
            : uri.Scheme == "http" && !_options.AllowPrivateAddresses ? "must use https" : null;

    /// <summary>The body of a successful answer, at most <paramref name="maxBytes"/>.</summary>
    /// <exception cref="FetchFailedException">Not fetched: the reason is for the operator's log, never for the caller.</exception>
    public async Task<string> GetStringAsync(string url, int maxBytes, CancellationToken cancellationToken)
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
            return System.Text.Encoding.UTF8.GetString(buffer, 0, read);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException && !cancellationToken.IsCancellationRequested)
        {
            throw new FetchFailedException($"{url} could not be fetched ({e.GetBaseException().Message})");
        }
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
        var allowed = addresses.Where(a => _options.AllowPrivateAddresses || !PrivateAddresses.IsPrivate(a)).ToArray();
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

/// <summary>A document that could not be fetched; the message is for the log.</summary>
public sealed class FetchFailedException(string message) : Exception(message);
