using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ClientPlatform.Testing;

namespace ClientPlatform.Containers.Tests;

/// <summary>
/// deploy/compose brought up as an operator would, with deploy/compose/compose.sh (docker-compose against Podman), on
/// the images ./test.sh built (deploy/verify.sh): its own project name, free host ports, random secrets in an env file,
/// and a certificate of its own, which the test's HTTPS client alone trusts. Taken down with its volumes at the end.
/// </summary>
public sealed class ComposeStack : IAsyncLifetime
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(10);
    private readonly string _folder = Directory.CreateTempSubdirectory("clientplatform-compose-").FullName;
    private X509Certificate2 _certificate = null!;

    public string Project { get; } = $"cptest{RandomNumberGenerator.GetHexString(8, lowercase: true)}";

    public int HttpsPort { get; } = FreeTcpPort.Next();

    public int HttpPort { get; } = FreeTcpPort.Next();

    public int AdminPort { get; } = FreeTcpPort.Next();

    public string AdminSecret { get; } = RandomNumberGenerator.GetHexString(64, lowercase: true);

    /// <summary>Where clients reach the gateway (PUBLIC_BASE_URL): registration_client_uri is built on it.</summary>
    public Uri PublicUrl => new($"https://localhost:{HttpsPort}");

    public Uri AdminUrl => new($"https://127.0.0.1:{AdminPort}");

    public Uri PlainHttpUrl => new($"http://localhost:{HttpPort}");

    /// <summary>Where deploy/images/build.sh pushed the images (CLIENTPLATFORM_REGISTRY, default the local registry on loopback).</summary>
    private static string Registry => Environment.GetEnvironmentVariable("CLIENTPLATFORM_REGISTRY") is { Length: > 0 } r ? r : "127.0.0.1:5000";

    private string EnvFile => Path.Combine(_folder, "compose.env");

    public async ValueTask InitializeAsync()
    {
        WriteCertificate(Path.Combine(_folder, "tls"));
        string Secret() => RandomNumberGenerator.GetHexString(32, lowercase: true);
        await File.WriteAllLinesAsync(EnvFile,
        [
            $"POSTGRES_PASSWORD={Secret()}", $"POSTGRES_API_PASSWORD={Secret()}", $"POSTGRES_AUDIT_PASSWORD={Secret()}",
            $"REDIS_PASSWORD={Secret()}", $"RABBITMQ_PASSWORD={Secret()}", $"AUDIT_CHAIN_KEY={Secret()}{Secret()}",
            $"RABBITMQ_REGISTRATION_API_PASSWORD={Secret()}", $"RABBITMQ_ADMIN_API_PASSWORD={Secret()}", $"RABBITMQ_AUDIT_WORKER_PASSWORD={Secret()}",
            $"ADMIN_API_SECRET={AdminSecret}",
            $"GATEWAY_HTTPS_PORT={HttpsPort}", $"GATEWAY_PORT={HttpPort}", $"GATEWAY_ADMIN_PORT={AdminPort}",
            $"PUBLIC_BASE_URL={PublicUrl.GetLeftPart(UriPartial.Authority)}",
            $"TLS_DIRECTORY={Path.Combine(_folder, "tls")}",
            // A subnet of its own, so that an operator's stack on this machine (172.28.0.0/24 by default) is no obstacle.
            $"INTERNAL_SUBNET=172.29.{RandomNumberGenerator.GetInt32(0, 256)}.0/24",
            $"CLIENTPLATFORM_REGISTRY={Registry}",
        ]);
        // The images this run built, not a copy an earlier run left in Podman's store (`up` pulls only what is missing);
        // the server images are local ones where no registry serves them.
        var (exitCode, output) = await ComposeAsync("pull", "--ignore-pull-failures", "--quiet");
        Assert.True(exitCode == 0, $"compose pull exited {exitCode}:\n{output}");
        await UpAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await ComposeAsync("down", "--volumes", "--timeout", "10");
        _certificate.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>`up -d`, then until the gateway answers /health over HTTPS (compose returns once it is created).</summary>
    public async Task UpAsync()
    {
        var (exitCode, output) = await ComposeAsync("up", "--detach");
        Assert.True(exitCode == 0, $"compose up exited {exitCode}:\n{output}");
        using var http = Client(PublicUrl);
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            try
            {
                using var response = await http.GetAsync("/health");
                if (response.IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }
            Assert.True(DateTime.UtcNow < deadline, $"the gateway did not answer /health over HTTPS within 2 minutes:\n{(await ComposeAsync("ps")).Output}");
            await Task.Delay(500);
        }
    }

    public async Task DownAsync(bool volumes)
    {
        var (exitCode, output) = await ComposeAsync(volumes ? ["down", "--volumes", "--timeout", "10"] : ["down", "--timeout", "10"]);
        Assert.True(exitCode == 0, $"compose down exited {exitCode}:\n{output}");
    }

    /// <summary>What Podman still holds of this project: containers, volumes, networks (by compose's project label).</summary>
    public async Task<string> LeftoversAsync()
    {
        var label = $"label=com.docker.compose.project={Project}";
        var containers = (await Podman.RunAsync("ps", "--all", "--quiet", "--filter", label)).Output.Trim();
        var volumes = (await Podman.RunAsync("volume", "ls", "--quiet", "--filter", label)).Output.Trim();
        var networks = (await Podman.RunAsync("network", "ls", "--quiet", "--filter", label)).Output.Trim();
        return string.Join(" ", new[] { containers, volumes, networks }.Where(s => s.Length > 0));
    }

    /// <summary>A command run in the container of one of the project's services (its first, here its only one).</summary>
    public async Task<(int ExitCode, string Output)> ExecAsync(string service, params string[] command)
    {
        var id = (await Podman.RunAsync("ps", "--quiet", "--filter", $"label=com.docker.compose.project={Project}",
            "--filter", $"label=com.docker.compose.service={service}")).Output.Trim().Split('\n')[0];
        Assert.False(string.IsNullOrEmpty(id), $"no running container of {service}");
        return await Podman.RunAsync(["exec", id, .. command]);
    }

    /// <summary>What the services logged above Information (JSON lines), and the broker's errors: for a failure's message.</summary>
    public async Task<string> WarningsAsync(params string[] services)
    {
        var lines = new List<string>();
        foreach (var service in services)
        {
            var (_, log) = await ComposeAsync("logs", "--no-color", "--tail", "200", service);
            lines.AddRange(log.Split('\n').Where(l => l.Contains("\"Warning\"") || l.Contains("\"Error\"") || l.Contains("[error]")).TakeLast(20));
        }
        return string.Join('\n', lines);
    }

    /// <summary>An HTTPS client that trusts this stack's certificate and nothing else, and follows no redirect.</summary>
    public HttpClient Client(Uri baseAddress) => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        SslOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null && certificate.GetRawCertData().SequenceEqual(_certificate.RawData),
        },
    })
    { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public Task<(int ExitCode, string Output)> ComposeAsync(params string[] arguments) =>
        ExternalCommand.RunAsync(Path.Combine(RepositoryRoot.Path, "deploy", "compose", "compose.sh"), ["--env-file", EnvFile, .. arguments],
            new Dictionary<string, string> { ["COMPOSE_PROJECT_NAME"] = Project, ["CONTAINERS_CONF"] = Podman.ConfigFile }, CommandTimeout);

    /// <summary>A self-signed certificate for localhost and 127.0.0.1, as tls.crt and tls.key (PEM, a Kubernetes TLS secret's names).</summary>
    private void WriteCertificate(string folder)
    {
        Directory.CreateDirectory(folder);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        _certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(Path.Combine(folder, "tls.crt"), _certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(folder, "tls.key"), key.ExportPkcs8PrivateKeyPem());
        // The gateway runs as uid 1654: it must read the key (a throwaway one, in this test's own folder).
        File.SetUnixFileMode(Path.Combine(folder, "tls.key"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(_folder, (UnixFileMode)0b111_101_101);
    }
}
