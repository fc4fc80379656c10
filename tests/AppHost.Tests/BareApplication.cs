using System.Reflection;
using Aspire.Hosting;

namespace ClientPlatform.AppHost.Tests;

/// <summary>
/// An empty Aspire application for a test to add single resources of the AppHost's to (a server, a connection
/// string), without the dashboard. Its DCP is the AppHost's own, whose path the Aspire SDK records in the
/// AppHost's assembly (Aspire.Hosting.Testing finds it only in an AppHost on the call stack).
/// </summary>
internal static class BareApplication
{
    public static IDistributedApplicationBuilder Create(params string[] args)
    {
        var metadata = typeof(StateFolder).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().ToDictionary(m => m.Key, m => m.Value);
        return DistributedApplication.CreateBuilder(new DistributedApplicationOptions
        {
            Args =
            [
                .. args,
                $"--DcpPublisher:CliPath={metadata["dcpclipath"]}",
                $"--DcpPublisher:DashboardPath={metadata["aspiredashboardpath"]}",
            ],
            DisableDashboard = true,
        });
    }
}
