using Microsoft.Extensions.Configuration;

namespace ClientPlatform.ServiceDefaults;

/// <summary>
/// <c>probe</c>: asks this service's own /health over loopback and exits 0 when it answers 200, else 1. The
/// images hold no shell and no curl, so a container engine's health check (compose's <c>healthcheck</c>,
/// Docker's HEALTHCHECK) runs the service's own entry point with this argument; Kubernetes probes by HTTP.
/// </summary>
public static class HealthProbe
{
    public const string Command = "probe";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public static bool IsRequested(string[] args) => args is [Command, ..];

    public static async Task<int> RunAsync(string[] args)
    {
        // The port the service listens on for plain HTTP, as Kestrel reads it: an http endpoint in Kestrel's settings
        // (which then win over the ports), else ASPNETCORE_HTTP_PORTS (the images say 8080).
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables("ASPNETCORE_").AddEnvironmentVariables()
            .AddCommandLine(args[1..]).Build();
        var port = HttpPort(configuration);
        // --path from the command line only: the environment's PATH is another "path" to configuration's eyes.
        var path = new ConfigurationBuilder().AddCommandLine(args[1..]).Build()["path"] ?? Extensions.HealthPath;
        using var http = new HttpClient { Timeout = Timeout };
        try
        {
            using var response = await http.GetAsync($"http://127.0.0.1:{port}{path}");
            Console.WriteLine($"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Console.Error.WriteLine($"{path}: no answer on port {port} ({e.Message})");
            return 1;
        }
    }

    private static string HttpPort(IConfiguration configuration)
    {
        foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
            if (endpoint["Url"] is { } url && url.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
                && url.LastIndexOf(':') is var colon and > 6 && int.TryParse(url.AsSpan(colon + 1).TrimEnd('/'), out var port))
                return port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return (configuration["HTTP_PORTS"] ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault() ?? "8080";
    }
}
