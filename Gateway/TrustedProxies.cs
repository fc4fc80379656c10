using Microsoft.AspNetCore.HttpOverrides;
using ClientPlatform.ServiceDefaults;
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
        var parsed = NetworkSetting.Read(builder.Configuration, Setting);
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
