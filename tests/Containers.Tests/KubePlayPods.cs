using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ClientPlatform.Testing;

namespace ClientPlatform.Containers.Tests;

/// <summary>
/// The Kubernetes dev overlay's pods, run as deploy/k8s/podman/kube-play.sh runs them under `podman kube play`, on the
/// images ./test.sh built: free host ports and a network of their own, the overlay's Secrets as its secrets.sh wrote
/// them (an HTTPS client trusting that certificate alone). Taken down with every volume at the end.
/// </summary>
public sealed class KubePlayPods : IAsyncLifetime
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(10);

    /// <summary>The pods the overlay's workloads become, each named as its Service.</summary>
    public static readonly string[] Pods = ["gateway", "registration-api", "admin-api", "audit-worker", "migrate", "postgres", "redis", "rabbitmq"];

    private X509Certificate2 _certificate = null!;
    private bool _up;

    public int HttpsPort { get; } = FreeTcpPort.Next();

    public int AdminPort { get; } = FreeTcpPort.Next();

    public string Network { get; } = $"cptest-kube-{RandomNumberGenerator.GetHexString(8, lowercase: true)}";

    public Uri PublicUrl => new($"https://localhost:{HttpsPort}");

    public Uri AdminUrl => new($"https://127.0.0.1:{AdminPort}");

    /// <summary>The overlay's own admin secret (secrets.sh's random value), as an operator reads it.</summary>
    public string AdminSecret => Secrets("clientplatform.env")["admin-api-secret"];

    private static string SecretsFolder => Path.Combine(RepositoryRoot.Path, "deploy", "k8s", "overlays", "dev", "secrets");

    public async ValueTask InitializeAsync() => await UpAsync();

    public async ValueTask DisposeAsync() => await KubePlayAsync("down", "--volumes");

    /// <summary>`up`, unless the pods are up already; then until the gateway says every cluster is healthy.</summary>
    public async Task UpAsync()
    {
        // Whether the pods run, not whether the gateway answers: a moment's unhealthy answer is no reason to play them again.
        if (!_up)
        {
            var (exitCode, output) = await KubePlayAsync("up");
            Assert.True(exitCode == 0, $"kube-play.sh up exited {exitCode}:\n{output}");
            _up = true;
        }
        _certificate = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(SecretsFolder, "tls.crt")));
        for (var deadline = DateTime.UtcNow.AddMinutes(3); !await IsHealthyAsync(); await Task.Delay(1000))
            Assert.True(DateTime.UtcNow < deadline, $"the gateway did not become healthy over HTTPS within 3 minutes:\n{(await Podman.RunAsync("ps", "--all")).Output}");
    }

    public async Task<(int ExitCode, string Output)> DownAsync()
    {
        _up = false;
        return await KubePlayAsync("down", "--volumes");
    }

    /// <summary>What Podman still holds that kube-play.sh made: pods, their volumes, secrets, the network.</summary>
    public async Task<string> LeftoversAsync()
    {
        static async Task<string[]> Names(params string[] list) =>
            (await Podman.RunAsync(list)).Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var pods = (await Names("pod", "ps", "--format", "{{.Name}}")).Intersect(Pods);
        var volumes = (await Names("volume", "ls", "--format", "{{.Name}}"))
            .Where(v => Pods.Any(p => v.StartsWith($"{p}-", StringComparison.Ordinal)) || v.StartsWith("data-", StringComparison.Ordinal)
                || v.StartsWith("clientplatform-tls-", StringComparison.Ordinal));
        var secrets = (await Names("secret", "ls", "--format", "{{.Name}}"))
            .Where(s => s.StartsWith("clientplatform-", StringComparison.Ordinal) || s.StartsWith("data-services-", StringComparison.Ordinal));
        var networks = (await Names("network", "ls", "--format", "{{.Name}}")).Where(n => n == Network);
        return string.Join(" ", pods.Concat(volumes).Concat(secrets).Concat(networks));
    }

    /// <summary>A command run in a pod's main container (kube play names it pod-container).</summary>
    public Task<(int ExitCode, string Output)> ExecAsync(string pod, params string[] command) =>
        Podman.RunAsync(["exec", $"{pod}-{pod}", .. command]);

    /// <summary>An HTTPS client that trusts the overlay's certificate and nothing else, and follows no redirect.</summary>
    public HttpClient Client(Uri baseAddress) => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        SslOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null && certificate.GetRawCertData().SequenceEqual(_certificate.RawData),
        },
    })
    { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };

    private async Task<bool> IsHealthyAsync()
    {
        if (_certificate is null)
            return false;
        using var http = Client(PublicUrl);
        try
        {
            using var response = await http.GetAsync("/health");
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static Dictionary<string, string> Secrets(string file) =>
        File.ReadAllLines(Path.Combine(SecretsFolder, file)).Where(l => l.Contains('=')).ToDictionary(l => l[..l.IndexOf('=')], l => l[(l.IndexOf('=') + 1)..]);

    private Task<(int ExitCode, string Output)> KubePlayAsync(params string[] arguments) =>
        ExternalCommand.RunAsync(Path.Combine(RepositoryRoot.Path, "deploy", "k8s", "podman", "kube-play.sh"), arguments,
            new Dictionary<string, string>
            {
                ["KUBE_PLAY_HTTPS_PORT"] = HttpsPort.ToString(), ["KUBE_PLAY_ADMIN_PORT"] = AdminPort.ToString(),
                ["KUBE_PLAY_NETWORK"] = Network, ["CONTAINERS_CONF"] = Podman.ConfigFile,
            }, CommandTimeout);
}
