using System.Diagnostics;
using System.Text.Json;

namespace ClientPlatform.Images.Tests;

/// <summary>Each image's configuration as a registry serves it (skopeo inspect --config), before anything runs it.</summary>
public sealed class ImageConfigTests
{
    [Theory]
    [InlineData(ServiceImages.Gateway)]
    [InlineData(ServiceImages.RegistrationApi)]
    [InlineData(ServiceImages.AdminApi)]
    [InlineData(ServiceImages.AuditWorker)]
    public async Task Image_Config_NonRootUserEntrypointPortAndLabels(string image)
    {
        var config = (await InspectAsync(image)).GetProperty("config");
        // Numeric, so Kubernetes' runAsNonRoot can check it.
        Assert.Equal("1654:1654", config.GetProperty("User").GetString());
        Assert.Equal(["dotnet", $"/app/{ServiceImages.Assembly(image)}"], config.GetProperty("Entrypoint").EnumerateArray().Select(e => e.GetString()));
        Assert.True(config.GetProperty("ExposedPorts").TryGetProperty("8080/tcp", out _));
        var labels = config.GetProperty("Labels");
        Assert.Equal($"ClientPlatform {image}", labels.GetProperty("org.opencontainers.image.title").GetString());
        Assert.Equal(ServiceImages.Tag, labels.GetProperty("org.opencontainers.image.version").GetString());
        Assert.Matches("^[0-9a-f]{40}$", labels.GetProperty("org.opencontainers.image.revision").GetString());
        Assert.Equal("/health", labels.GetProperty("io.clientplatform.health").GetString());
        var environment = config.GetProperty("Env").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Contains("ASPNETCORE_HTTP_PORTS=8080", environment);
        Assert.DoesNotContain(environment, e => e.StartsWith("ConnectionStrings__", StringComparison.Ordinal) || e.StartsWith("ADMIN_API_SECRET", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MigratorImage_Config_NonRootEntrypointAndLabels_NoPortNoProbe()
    {
        var config = (await InspectAsync(ServiceImages.Migrator)).GetProperty("config");
        Assert.Equal("1654:1654", config.GetProperty("User").GetString());
        Assert.Equal(["dotnet", $"/app/{ServiceImages.Assembly(ServiceImages.Migrator)}"], config.GetProperty("Entrypoint").EnumerateArray().Select(e => e.GetString()));
        // It runs to completion: nothing to connect to, nothing to probe.
        Assert.False(config.TryGetProperty("ExposedPorts", out var ports) && ports.EnumerateObject().Any(), "the migrator exposes a port");
        var labels = config.GetProperty("Labels");
        Assert.Equal($"ClientPlatform {ServiceImages.Migrator}", labels.GetProperty("org.opencontainers.image.title").GetString());
        Assert.False(labels.TryGetProperty("io.clientplatform.health", out _), "the migrator has a health label");
        var environment = config.GetProperty("Env").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.DoesNotContain(environment, e => e.StartsWith("ConnectionStrings__", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GatewayImage_Config_ExposesTheAdminListenerToo()
    {
        var config = (await InspectAsync(ServiceImages.Gateway)).GetProperty("config");
        Assert.True(config.GetProperty("ExposedPorts").TryGetProperty("8081/tcp", out _));
    }

    [Theory]
    [InlineData(ServiceImages.RegistrationApi, "ConnectionStrings:clientsdb is missing")]
    [InlineData(ServiceImages.AdminApi, "ConnectionStrings:clientsdb is missing")]
    [InlineData(ServiceImages.AuditWorker, "ConnectionStrings:clientsdb is missing")]
    [InlineData(ServiceImages.Gateway, "services:registration-api:http:0 is missing")]
    [InlineData(ServiceImages.Migrator, "ConnectionStrings:clientsdb is missing")]
    public async Task Image_WithoutItsSettings_ExitsWithOneLineError(string image, string message)
    {
        var (exitCode, output) = await Container.RunAsync(image, "bare", new Dictionary<string, string>(), TimeSpan.FromSeconds(60));
        Assert.Equal(1, exitCode);
        Assert.Contains($"error: {message}", output);
        Assert.DoesNotContain("   at ", output);
    }

    /// <summary>RFC 7591 §5: outside Development the gateway serves registration over TLS, or does not start.</summary>
    [Theory]
    [InlineData(null, "RFC 7591 §5 requires TLS for client registration")]
    [InlineData("/tmp/missing.crt", "The gateway's TLS certificate cannot be read from Kestrel:Certificates:Default:Path=/tmp/missing.crt")]
    public async Task GatewayImage_WithoutAUsableCertificate_RefusesToStartWithOneLine(string? certificate, string message)
    {
        var environment = new Dictionary<string, string>
        {
            ["services__registration-api__http__0"] = "http://127.0.0.1:1",
            ["services__admin-api__http__0"] = "http://127.0.0.1:1",
        };
        if (certificate is not null)
        {
            environment["ASPNETCORE_HTTPS_PORTS"] = "8443";
            environment["Kestrel__Certificates__Default__Path"] = certificate;
            environment["Kestrel__Certificates__Default__KeyPath"] = "/tmp/missing.key";
        }
        var (exitCode, output) = await Container.RunAsync(ServiceImages.Gateway, "no-tls", environment, TimeSpan.FromSeconds(60));
        Assert.Equal(1, exitCode);
        Assert.StartsWith("error: ", output.Trim());
        Assert.Contains(message, output);
        Assert.DoesNotContain("   at ", output);
    }

    private static async Task<JsonElement> InspectAsync(string image)
    {
        var start = new ProcessStartInfo("skopeo") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "inspect", "--config", "--tls-verify=false", $"docker://{ServiceImages.Reference(image)}" })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(Ct);
        var error = await process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        Assert.True(process.ExitCode == 0, $"skopeo could not inspect {ServiceImages.Reference(image)} (deploy/images/build.sh builds it): {error}");
        return JsonDocument.Parse(output).RootElement;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
