using ClientPlatform.ServiceDefaults;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace ClientPlatform.Clients.Infrastructure.Connections;

internal static class ConnectionStrings
{
    /// <summary><c>ConnectionStrings:{name}</c>, as the AppHost (or a real Aspire AppHost) injects it.</summary>
    public static string Require(IHostApplicationBuilder builder, string name) =>
        builder.Configuration.GetConnectionString(name) is { Length: > 0 } value && !string.IsNullOrWhiteSpace(value)
            ? value
            : throw MissingSettingException.ConnectionString(name);
}
