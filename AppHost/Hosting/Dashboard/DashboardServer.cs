using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClientPlatform.Hosting;

/// <summary>
/// The dashboard, in the AppHost's process and on loopback only: the resource table, each replica's
/// live console, and the same data as JSON for scripts and tests.
/// </summary>
internal sealed class DashboardServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DashboardServer(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<DashboardServer> StartAsync(DistributedApplication application, int port, CancellationToken cancellationToken)
    {
        PortAllocator.EnsureFree(port, "dashboard");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://localhost:{port}");
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, DashboardJson.Default));
        var app = builder.Build();

        app.MapGet("/", () => Page("index.html"));
        app.MapGet("/api/resources", () => application.Replicas.Select(ResourceSnapshot.From).ToList());
        app.MapGet("/api/resources/{name}/logs", (string name, int? replica, long? since) =>
        {
            var target = application.Replicas.FirstOrDefault(r =>
                string.Equals(r.Resource.Name, name, StringComparison.OrdinalIgnoreCase) && r.Index == (replica ?? 0));
            if (target is null)
                return Results.NotFound();
            var lines = target.Log.Since(since ?? 0).Select(l => new LogLineSnapshot(l.Sequence, l.Time, l.Text, l.IsError)).ToList();
            return Results.Ok(new LogSnapshot(target.DisplayName, lines, lines.Count > 0 ? lines[^1].Sequence + 1 : since ?? 0));
        });

        await app.StartAsync(cancellationToken);
        return new DashboardServer(app, new Uri($"http://localhost:{port}/"));
    }

    private static IResult Page(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Dashboard.{name}")!;
        using var reader = new StreamReader(stream);
        return Results.Content(reader.ReadToEnd(), "text/html; charset=utf-8");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
