using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace ClientPlatform.Testing;

/// <summary>
/// An HTTPS server on 127.0.0.1 for the documents a registration names (a sector_identifier_uri, a jwks_uri), with a
/// certificate of its own made for this test run. Services trust it through <see cref="CertificateFile"/>, given to them
/// as SSL_CERT_FILE (OpenSSL's trust store, which .NET uses on Linux): a real TLS handshake, a real chain check.
/// One per test process; documents are added by path.
/// </summary>
public static class TestDocumentServer
{
    private static readonly Lazy<State> Started = new(Start);
    private static readonly ConcurrentDictionary<string, (int Status, string Body, string? CacheControl)> Documents = new();
    private static readonly ConcurrentDictionary<string, int> Requests = new();

    /// <summary>The PEM file holding the server's certificate, as SSL_CERT_FILE.</summary>
    public static string CertificateFile => Started.Value.CertificateFile;

    /// <summary>Serves <paramref name="body"/> at a new path; its https URL.</summary>
    public static string Serve(string body, int status = 200) => ServeAt(_ => body, status);

    /// <summary>
    /// Serves at a new path the body <paramref name="bodyAt"/> makes of its own URL (a document that names itself, as a
    /// Client ID Metadata Document does), with this Cache-Control; its https URL.
    /// </summary>
    public static string ServeAt(Func<string, string> bodyAt, int status = 200, string? cacheControl = null)
    {
        var path = $"/{Guid.NewGuid():N}/client.json";
        var url = $"https://127.0.0.1:{Started.Value.Port}{path}";
        Documents[path] = (status, bodyAt(url), cacheControl);
        return url;
    }

    /// <summary>Serves another body (or status) at <paramref name="url"/> from now on.</summary>
    public static void Replace(string url, string body, string? cacheControl = null, int status = 200) =>
        Documents[new Uri(url).AbsolutePath] = (status, body, cacheControl);

    /// <summary>How many times the document at <paramref name="url"/> was asked for.</summary>
    public static int Hits(string url) => Requests.GetValueOrDefault(new Uri(url).AbsolutePath);

    /// <summary>An https URL on this host where nothing listens: a fetch of it fails to connect.</summary>
    public static string Unreachable() => $"https://127.0.0.1:{FreeTcpPort.Next()}/nothing.json";

    private sealed record State(int Port, string CertificateFile);

    private static State Start()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=ClientPlatform test document server", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        var now = DateTimeOffset.UtcNow;
        var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(2));
        // Exported and loaded again: on Linux an ephemeral key cannot serve TLS.
        var serving = X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
        var file = Path.Combine(Path.GetTempPath(), $"clientplatform-test-ca-{Environment.ProcessId}.pem");
        File.WriteAllText(file, certificate.ExportCertificatePem());

        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        _ = Task.Run(async () =>
        {
            while (true)
            {
                var client = await listener.AcceptTcpClientAsync();
                _ = Task.Run(() => AnswerAsync(client, serving));
            }
        });
        return new State(((IPEndPoint)listener.LocalEndpoint).Port, file);
    }

    private static async Task AnswerAsync(TcpClient client, X509Certificate2 certificate)
    {
        using (client)
        {
            try
            {
                await using var tls = new SslStream(client.GetStream());
                await tls.AuthenticateAsServerAsync(certificate);
                using var reader = new StreamReader(tls, Encoding.ASCII, leaveOpen: true);
                var requestLine = await reader.ReadLineAsync() ?? "";
                while (!string.IsNullOrEmpty(await reader.ReadLineAsync()))
                {
                }
                var path = requestLine.Split(' ') is [_, var target, ..] ? target : "/";
                Requests.AddOrUpdate(path, 1, (_, n) => n + 1);
                var (status, body, cacheControl) = Documents.TryGetValue(path, out var document) ? document : (404, "", null);
                var bytes = Encoding.UTF8.GetBytes(body);
                var caching = cacheControl is null ? "" : $"Cache-Control: {cacheControl}\r\n";
                await tls.WriteAsync(Encoding.ASCII.GetBytes(
                    $"HTTP/1.1 {status} X\r\nContent-Type: application/json\r\n{caching}Content-Length: {bytes.Length}\r\nConnection: close\r\n\r\n"));
                await tls.WriteAsync(bytes);
            }
            catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException or SocketException)
            {
                // A client that gave up, or refused the certificate: nothing to answer.
            }
        }
    }
}
