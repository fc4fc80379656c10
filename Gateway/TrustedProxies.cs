using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace ClientPlatform.Gateway;

/// <summary>
/// The gateway is the edge: by default a caller's own X-Forwarded-For is ignored, so nobody picks the address
/// that rate limits and the audit log see. When a load balancer stands in front, list its networks in
/// <c>Gateway:TrustedProxies</c> (e.g. <c>Gateway__TrustedProxies__0=10.0.0.0/8</c>): from those peers, and
/// only those, the last X-Forwarded-For hop becomes the caller's address, which the gateway then forwards.
/// </summary>
internal static class TrustedProxies
{
    public const string Setting = "Gateway:TrustedProxies";

    public static WebApplicationBuilder AddTrustedProxies(this WebApplicationBuilder builder)
    {
        var networks = builder.Configuration.GetSection(Setting).Get<string[]>() ?? [];
        var parsed = new List<System.Net.IPNetwork>();
        foreach (var network in networks)
        {
            var text = network.Contains('/') ? network : $"{network}/{(network.Contains(':') ? 128 : 32)}";
            if (!System.Net.IPNetwork.TryParse(text, out var value))
                throw new ServiceDefaults.MissingSettingException(
                    $"{Setting}: '{network}' is not an IP address or network in CIDR form (e.g. 10.0.0.0/8).");
            parsed.Add(value);
        }
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
            options.ForwardLimit = 1;
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();
            foreach (var value in parsed)
                options.KnownIPNetworks.Add(value);
        });
        return builder;
    }

    /// <summary>Only when some proxy is trusted: with no known proxy or network, ASP.NET Core would trust every caller.</summary>
    public static WebApplication UseTrustedProxies(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value.KnownIPNetworks.Count > 0)
            app.UseForwardedHeaders();
        return app;
    }
}
