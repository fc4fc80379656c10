using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ClientPlatform.ServiceDefaults;

/// <summary>
/// Which process served a request — the replica's instance id (OTEL_RESOURCE_ATTRIBUTES, set per replica
/// as under Aspire) and its pid — and the request as the service sees it once the gateway's forwarded
/// headers are applied, with the HTTP version it arrived in. Used to see load spreading over replicas; it
/// reveals nothing secret.
/// </summary>
public static class InstanceEndpoint
{
    public static IEndpointRouteBuilder MapInstanceEndpoint(this IEndpointRouteBuilder app, string serviceName, params string[] paths)
    {
        var instance = InstanceId();
        foreach (var path in paths)
            app.MapGet(path, (HttpContext context) => TypedResults.Json(
                    new InstanceInfo(serviceName, instance, Environment.ProcessId, context.Request.Scheme, context.Request.Host.Value ?? "",
                        context.Connection.RemoteIpAddress?.ToString() ?? "", context.Request.Protocol),
                    InstanceJson.Default.InstanceInfo))
                .ExcludeFromDescription();
        return app;
    }

    private static string InstanceId() =>
        (Environment.GetEnvironmentVariable("OTEL_RESOURCE_ATTRIBUTES") ?? "")
            .Split(',', StringSplitOptions.TrimEntries)
            .Select(a => a.Split('=', 2))
            .FirstOrDefault(a => a.Length == 2 && a[0] == "service.instance.id")?[1]
        ?? $"{Environment.MachineName}-{Environment.ProcessId}";
}
