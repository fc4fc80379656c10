using Microsoft.Extensions.Configuration;

namespace ClientPlatform.AppHost;

public static class ExternalServerExtensions
{
    /// <summary>
    /// A server the operator already runs (<c>ConnectionStrings__{name}</c> set): Aspire's connection-string
    /// resource, with the same health check as a server of ours, and nothing started for it.
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString>? AddExistingServer(this IDistributedApplicationBuilder builder, string name,
        Action<IDistributedApplicationBuilder, Func<string>, string> healthCheck)
    {
        if (builder.Configuration.GetConnectionString(name) is not { Length: > 0 } connectionString)
            return null;
        var key = $"{name}_check";
        healthCheck(builder, () => connectionString, key);
        return builder.AddConnectionString(name).WithHealthCheck(key);
    }
}
