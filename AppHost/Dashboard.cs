using Microsoft.Extensions.Configuration;

namespace ClientPlatform.AppHost;

/// <summary>Aspire's dashboard on a fixed loopback port (18888 by default, <c>--dashboard-port 0</c> turns it off).</summary>
internal static class Dashboard
{
    public static DistributedApplicationOptions Options(string[] arguments)
    {
        // Whether the dashboard runs is decided before the builder exists, from the same sources it will read.
        var early = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(arguments).Build();
        var off = early[$"{AppHostSettings.Section}:DashboardPort"] == "0";
        return new DistributedApplicationOptions { Args = arguments, DisableDashboard = off, AllowUnsecuredTransport = true };
    }

    /// <summary>
    /// The dashboard's own settings as a launch profile would give them: the browser URL, the OTLP endpoint the
    /// services export to (gRPC, next port up), plain HTTP on loopback (no developer certificate needed).
    /// </summary>
    public static void Configure(IDistributedApplicationBuilder builder, AppHostSettings settings)
    {
        if (settings.DashboardPort == 0)
        {
            WithoutTelemetryExportUnlessConfigured(builder);
            return;
        }
        builder.Configuration["ASPNETCORE_URLS"] = $"http://localhost:{settings.DashboardPort}";
        builder.Configuration["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://localhost:{settings.OtlpPort}";
        builder.Configuration["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true";
    }

    /// <summary>
    /// Without the dashboard, Aspire still points every service at an OTLP endpoint (localhost:4317) with nothing behind
    /// it: each service then retried every export each second, and spent 10 s of its stop flushing into the void. The
    /// services export only when the operator names a collector (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c> for the AppHost).
    /// </summary>
    private static void WithoutTelemetryExportUnlessConfigured(IDistributedApplicationBuilder builder)
    {
        if (!string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpoint]))
            return;
        builder.Eventing.Subscribe<BeforeStartEvent>((start, _) =>
        {
            // Added last, so it runs after Aspire's own callback that set the variables.
            foreach (var project in start.Model.Resources.OfType<ProjectResource>())
                project.Annotations.Add(new EnvironmentCallbackAnnotation(context =>
                {
                    foreach (var key in context.EnvironmentVariables.Keys.Where(k => k.StartsWith("OTEL_EXPORTER_OTLP_", StringComparison.Ordinal)).ToList())
                        context.EnvironmentVariables.Remove(key);
                }));
            return Task.CompletedTask;
        });
    }

    private const string OtlpEndpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";
}
