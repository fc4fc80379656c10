using System.Net;
using System.Net.Sockets;

namespace ClientPlatform.AppHost.Tests;

/// <summary>A setting the operator got wrong: one sentence on stderr, a non-zero exit, and never a hang.</summary>
public sealed class BadConfigurationTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Run_GatewayPortInUse_ExitsWithOneSentenceNamingThePort()
    {
        using var occupied = new TcpListener(IPAddress.Loopback, 0);
        occupied.Start();
        var port = ((IPEndPoint)occupied.LocalEndpoint).Port;

        var host = await AppHostProcess.RunToEndAsync(Limit, "--gateway-port", port.ToString(), "--state-dir", StateDir());

        AssertOneSentence(host, $"Port {port} for the 'gateway' endpoint is already in use");
    }

    [Fact]
    public async Task Run_DashboardPortInUse_ExitsWithOneSentenceNamingThePort()
    {
        using var occupied = new TcpListener(IPAddress.Loopback, 0);
        occupied.Start();
        var port = ((IPEndPoint)occupied.LocalEndpoint).Port;

        var host = await AppHostProcess.RunToEndAsync(Limit, "--dashboard-port", port.ToString(), "--gateway-port", "0", "--state-dir", StateDir());

        AssertOneSentence(host, $"Port {port} for the dashboard is already in use");
    }

    [Fact]
    public async Task Run_StateFolderThatCannotBeCreated_ExitsWithOneSentenceNamingTheFolder()
    {
        var host = await AppHostProcess.RunToEndAsync(Limit, "--state-dir", "/proc/clientplatform-state", "--gateway-port", "0");

        AssertOneSentence(host, "The state folder '/proc/clientplatform-state' cannot be used");
    }

    [Fact]
    public async Task Run_StateFolderInsideAFile_ExitsWithOneSentence()
    {
        var file = Path.GetTempFileName();

        var host = await AppHostProcess.RunToEndAsync(Limit, "--state-dir", Path.Combine(file, "state"), "--gateway-port", "0");

        AssertOneSentence(host, $"The state folder '{Path.Combine(file, "state")}' cannot be used");
    }

    [Theory]
    [InlineData("--gateway-port", "eighty", "AppHost:GatewayPort must be a whole number from 0 to 65535, not 'eighty'")]
    [InlineData("--registration-replicas", "0", "AppHost:Replicas:RegistrationApi must be a whole number from 1 to 16, not '0'")]
    [InlineData("--gateway-prot", "8080", "Unknown option --gateway-prot")]
    [InlineData("--AppHost:Http2ToReplicas", "sometimes", "AppHost:Http2ToReplicas must be true or false, not 'sometimes'")]
    [InlineData("--gateway-admin-port", "8080", "AppHost:GatewayAdminPort must differ from AppHost:GatewayPort (8080)")]
    public async Task Run_InvalidOption_ExitsWithOneSentence(string option, string value, string expected)
    {
        var host = await AppHostProcess.RunToEndAsync(Limit, option, value, "--state-dir", StateDir());

        AssertOneSentence(host, expected);
    }

    [Theory]
    [InlineData("/usr/lib/postgresql", "The PostgreSQL server binary was not found")]
    [InlineData("/usr/lib/rabbitmq", "The RabbitMQ server binary was not found")]
    public async Task Run_DebianPackageMissing_ExitsWithOneSentenceSayingHowToInstallIt(string hidden, string expected)
    {
        var host = await AppHostProcess.RunWithoutAsync(hidden, Limit, "--state-dir", StateDir(), "--gateway-port", "0", "--dashboard-port", "0");

        AssertOneSentence(host, expected);
        Assert.Contains("apt-get install", host.Output);
    }

    private static string StateDir() => Directory.CreateTempSubdirectory("apphost-bad-config-").FullName;

    private static void AssertOneSentence(AppHostProcess host, string expected)
    {
        Assert.Equal(1, host.ExitCode);
        Assert.Contains($"error: {expected}", host.Output);
        Assert.DoesNotContain("   at ", host.Output);
        Assert.DoesNotContain("Unhandled exception", host.Output);
    }
}
