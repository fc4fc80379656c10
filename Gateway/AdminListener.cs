using ClientPlatform.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace ClientPlatform.Gateway;

/// <summary>
/// <c>Gateway:AdminPort</c> (e.g. 8081, with <c>ASPNETCORE_HTTP_PORTS=8080;8081</c>): admin traffic is served
/// only on connections to that port, which a deployment keeps off the public network (compose binds it to
/// loopback, Kubernetes gives it its own Service), and the public port answers 404 for /admin as for any
/// unknown path. The port a connection reached is the listener's, which no request header can change.
/// 0, the default, serves both on every port (the AppHost and the tests).
/// </summary>
internal static class AdminListener
{
    public const string Setting = "Gateway:AdminPort";

    public static WebApplicationBuilder AddAdminListener(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AdminListenerOptions>().BindConfiguration("Gateway")
            .Validate(o => o.AdminPort is >= 0 and <= 65535, $"{Setting} must be a TCP port (1–65535), or 0 to serve admin traffic on every port.")
            .ValidateOnStart();
        return builder;
    }

    /// <summary>
    /// In the proxy pipeline, once the route (hence the cluster) is known. With an admin port, the services behind are
    /// told which listener a request came in on (<see cref="GatewayListener"/>): the registration API accepts admin
    /// credentials only from the admin listener. Whatever a caller sent under that name is never passed on.
    /// </summary>
    public static async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        var adminPort = context.RequestServices.GetRequiredService<IOptions<AdminListenerOptions>>().Value.AdminPort;
        context.Request.Headers.Remove(GatewayListener.Header);
        if (adminPort != 0)
        {
            var onAdminListener = context.Connection.LocalPort == adminPort;
            if (context.GetReverseProxyFeature().Route.Config.ClusterId == ResourceNames.AdminApi && !onAdminListener)
            {
                await GatewayErrors.NotFoundAsync(context);
                return;
            }
            context.Request.Headers[GatewayListener.Header] = onAdminListener ? GatewayListener.Admin : GatewayListener.Public;
        }
        await next();
    }
}

internal sealed class AdminListenerOptions
{
    public int AdminPort { get; set; }
}
