using System.Diagnostics;
using ClientPlatform.AppHost;

namespace ClientPlatform.EndToEnd.Tests;

/// <summary>A service (or the migrator) missing a setting stops at once with one sentence that names it, never a stack trace.</summary>
public sealed class ServiceStartupTests
{
    public static TheoryData<string, string> Services => new()
    {
        { ProjectReplicasExtensions.BuiltAssembly(new Projects.Registration_Api()), "ConnectionStrings:clientsdb" },
        { ProjectReplicasExtensions.BuiltAssembly(new Projects.Admin_Api()), "ConnectionStrings:clientsdb" },
        { ProjectReplicasExtensions.BuiltAssembly(new Projects.Audit_Worker()), "ConnectionStrings:clientsdb" },
        { ProjectReplicasExtensions.BuiltAssembly(new Projects.Clients_Migrator()), "ConnectionStrings:clientsdb" },
    };

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Start_WithoutConnectionString_ExitsNonZeroWithOneClearSentence(string assembly, string missingKey)
    {
        // Arrange: no ConnectionStrings__* at all, as on a machine where nobody set them.
        var start = new ProcessStartInfo("dotnet", [assembly])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
        };
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("ConnectionStrings", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(key);
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";

        // Act
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        var text = (await output) + (await error);

        // Assert
        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains(missingKey, text);
        Assert.DoesNotContain("   at ", text);
        Assert.DoesNotContain("Unhandled exception", text);
    }
}
