using Microsoft.Extensions.Configuration;

namespace ClientPlatform.Hosting.Testing;

/// <summary>
/// Plays Aspire.Hosting.Testing's part: the same application model on free ports, with a throwaway
/// state folder and no dashboard, whose resources' output is kept for the test rather than printed.
/// </summary>
public static class DistributedApplicationTestingBuilder
{
    public static IDistributedApplicationBuilder Create(
        Action<IDistributedApplicationBuilder> compose, IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            [$"{AppHostConfiguration.Section}:GatewayPort"] = "0",
            [$"{AppHostConfiguration.Section}:DashboardPort"] = "0",
            // Tests run the public API as several replicas, as production does (issue 6): 3, and the admin API at 1.
            [$"{AppHostConfiguration.Section}:Replicas:RegistrationApi"] = "3",
            [$"{AppHostConfiguration.Section}:Replicas:AdminApi"] = "1",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            values[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();

        ConsoleOutput.Enabled = false;
        // A given state folder is kept (to test what survives a restart); otherwise a throwaway one.
        var section = configuration.GetSection(AppHostConfiguration.Section);
        var kept = section["StateDirectory"];
        var options = new DistributedApplicationOptions
        {
            StateDirectory = kept ?? ThrowawayFolder(),
            Ephemeral = kept is null,
            Fresh = section["Fresh"] == "true",
            DashboardPort = AppHostConfiguration.ReadInt(section, "DashboardPort", 0),
            EchoResourceLogs = false,
            PrintGeneratedSecrets = false,
            StopGracePeriod = TimeSpan.FromSeconds(5),
        };
        var builder = DistributedApplication.CreateBuilder(configuration, options);
        compose(builder);
        return builder;
    }

    private static string ThrowawayFolder()
    {
        var state = Directory.CreateTempSubdirectory("clientplatform-test-");
        // Servers that refuse root run as their own user and must be able to enter the folder.
        File.SetUnixFileMode(state.FullName, (UnixFileMode)0b111_101_101);
        return state.FullName;
    }
}
