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
            return;
        builder.Configuration["ASPNETCORE_URLS"] = $"http://localhost:{settings.DashboardPort}";
        builder.Configuration["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://localhost:{settings.OtlpPort}";
        builder.Configuration["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true";
    }
}
