using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClientPlatform.AppHost;

internal static class ServiceSettings
{
    /// <summary>
    /// Settings for the APIs and the gateway from the AppHost's own (<c>AppHost:ServiceEnvironment:RateLimits:Enabled</c>
    /// becomes <c>RateLimits__Enabled</c>): how a deployment, or a test, tunes the services without editing them.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithServiceSettings(this IResourceBuilder<ProjectResource> project, AppHostSettings settings)
    {
        foreach (var (key, value) in settings.ServiceEnvironment)
            project.WithEnvironment(key, value);
        return project;
    }

    /// <summary>
    /// With a port, admin traffic gets a listener of its own (<c>Gateway:AdminPort</c>): the gateway then answers /admin on
    /// that port only, and tells the registration API which listener each request came in on.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithAdminListener(this IResourceBuilder<ProjectResource> gateway, int? port)
    {
        if (port is not { } adminPort)
            return gateway;
        gateway.WithHttpEndpoint(port: adminPort == 0 ? StablePorts.Next() : adminPort, name: AppHostSettings.GatewayAdminEndpoint, isProxied: false);
        return gateway.WithEnvironment("Gateway__AdminPort", gateway.GetEndpoint(AppHostSettings.GatewayAdminEndpoint).Property(EndpointProperty.TargetPort));
    }

    /// <summary>
    /// Once the gateway is healthy (so is everything it waits for), one line with its URL and the AppHost's start time;
    /// when the process began well before (./run.sh execs it after installing and building), that time too.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithReadyBanner(this IResourceBuilder<ProjectResource> gateway, Stopwatch appHostStarted)
    {
        gateway.ApplicationBuilder.Eventing.Subscribe<ResourceReadyEvent>(gateway.Resource, (@event, _) =>
        {
            var sinceProcessStart = DateTime.Now - Process.GetCurrentProcess().StartTime;
            var url = gateway.GetEndpoint("http").Url;
            var logger = @event.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ClientPlatform");
            if (sinceProcessStart - appHostStarted.Elapsed > TimeSpan.FromSeconds(2))
                Log.ReadyAfterRun(logger, appHostStarted.Elapsed.TotalSeconds, sinceProcessStart.TotalSeconds, url);
            else
                Log.Ready(logger, appHostStarted.Elapsed.TotalSeconds, url);
            return Task.CompletedTask;
        });
        return gateway;
    }
}
