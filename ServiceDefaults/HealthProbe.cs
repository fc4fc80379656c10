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
        // The port the service listens on, as Kestrel reads it (ASPNETCORE_HTTP_PORTS; the images say 8080).
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables("ASPNETCORE_").AddCommandLine(args[1..]).Build();
        var port = (configuration["HTTP_PORTS"] ?? "8080").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0];
        var path = configuration["path"] ?? Extensions.HealthPath;
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
}
