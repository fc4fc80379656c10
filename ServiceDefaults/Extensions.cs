using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace ClientPlatform.ServiceDefaults;

/// <summary>
/// Aspire's ServiceDefaults: telemetry, health, service discovery and resilience, the same for every
/// service. Unlike the template, /health and /alive are mapped in every environment: the AppHost and
/// Kubernetes probe them in production too.
/// </summary>
public static class Extensions
{
    public const string HealthPath = "/health";
    public const string AlivePath = "/alive";
    public const string LiveTag = "live";
    public const string TrustedNetworksSetting = "ForwardedHeaders:TrustedNetworks";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        builder.Services.BoundEveryHealthCheck();
        builder.Logging.AddFilter(HealthTransitions.ReplacedCategory, LogLevel.None); // HealthTransitions logs changes instead
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        builder.Services.AddProblemDetails();
        // Nothing here protects data for later (no cookies, no antiforgery: credentials are bearer tokens), so
        // the keys live in memory. AddAuthentication() still adds data protection's hosted service, which builds the
        // file-backed key ring at start whatever the provider, and in a read-only image warns three times that it
        // cannot keep keys that nothing uses: those warnings are not logged.
        builder.Services.TryAddSingleton<IDataProtectionProvider, EphemeralDataProtectionProvider>();
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        // Only the gateway talks to a service: from loopback here, and in a cluster from the networks named by
        // ForwardedHeaders:TrustedNetworks (the pod network). From anyone else X-Forwarded-* is ignored, so no
        // caller picks the address that rate limits and the audit log see.
        var gatewayNetworks = NetworkSetting.Read(builder.Configuration, TrustedNetworksSetting);
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            options.ForwardLimit = 1;
            foreach (var network in gatewayNetworks)
                options.KnownIPNetworks.Add(network);
        });
        return builder;
    }

    private static void ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        // Telemetry is collected when there is somewhere to send it (Aspire's dashboard sets the endpoint):
        // without an exporter, recording every request's activity and metrics is work thrown away.
        if (!builder.HasTelemetryExporter())
            return;
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });
        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("ClientPlatform.*"))
            .WithTracing(tracing => tracing
                .SetSampler(TraceSampling.For(builder.Configuration))
                .AddSource(builder.Environment.ApplicationName, "ClientPlatform.*")
                .AddAspNetCoreInstrumentation(o => o.Filter = context =>
                    !context.Request.Path.StartsWithSegments(HealthPath) && !context.Request.Path.StartsWithSegments(AlivePath))
                .AddHttpClientInstrumentation())
            .UseOtlpExporter();
    }

    /// <summary>Whether telemetry has somewhere to go (OTEL_EXPORTER_OTLP_ENDPOINT, as Aspire sets it).</summary>
    public static bool HasTelemetryExporter(this IHostApplicationBuilder builder) =>
        !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

    /// <summary>/health: ready, every dependency answers. /alive: the process is up.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(HealthPath, new HealthCheckOptions { ResponseWriter = HealthResponse.WriteAsync });
        app.MapHealthChecks(AlivePath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(LiveTag),
            ResponseWriter = HealthResponse.WriteAsync,
        });
        return app;
    }

    /// <summary>
    /// For the services behind the gateway: the caller's address, scheme and host as the gateway saw them
    /// (X-Forwarded-For/Proto/Host, trusted from the gateway only). The gateway itself never calls this: it
    /// is the edge, and a client's own X-Forwarded-For must not become its address.
    /// </summary>
    public static WebApplication UseForwardedHeadersFromGateway(this WebApplication app)
    {
        app.UseForwardedHeaders();
        return app;
    }
}
