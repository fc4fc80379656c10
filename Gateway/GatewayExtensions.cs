using ClientPlatform.ServiceDefaults;

namespace ClientPlatform.Gateway;

internal static class GatewayExtensions
{
    public static WebApplicationBuilder AddGateway(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = GatewayLimits.MaxDrainedBodyBytes);
        builder.AddTrustedProxies();
        builder.AddAdminListener();
        builder.AddEdgeTls();
        builder.Services.AddReverseProxy().AddGatewayRoutes(builder.Configuration).AddReplicaHealth();
        builder.Logging.QuietProbeFailures();
        builder.Services.AddHealthChecks().AddCheck<ClusterHealthCheck>("clusters");
        return builder;
    }

    public static WebApplication MapGateway(this WebApplication app)
    {
        app.UseTrustedProxies();
        app.UseEdgeTls();
        app.Use(EdgeChecks.InvokeAsync);
        app.Use(BufferedBody.InvokeAsync);
        app.MapReverseProxy(proxy =>
        {
            proxy.Use(ForwarderErrors.InvokeAsync);
            proxy.Use(AdminListener.InvokeAsync);
            proxy.Use(RetryOnDeadReplica.InvokeAsync);
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
        app.MapFallback(GatewayErrors.NotFoundAsync);
        return app;
    }
}
