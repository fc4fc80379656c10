using ClientPlatform.Testing;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClientPlatform.Images.Tests;

/// <summary>What an operator checks after deploying the images: jobs, health, both listeners, the audit trail.</summary>
public sealed class DeployedImageTests(DeployedImages deployed) : IClassFixture<DeployedImages>
{
    [Fact]
    public void MigratorImage_FreshDatabase_MigratesThenFindsTheSchemaCurrent()
    {
        Assert.True(deployed.FirstMigration.ExitCode == 0, deployed.FirstMigration.Output);
        Assert.Contains("database migration(s)", deployed.FirstMigration.Output);
        Assert.True(deployed.SecondMigration.ExitCode == 0, deployed.SecondMigration.Output);
        Assert.Contains("Database schema is up to date", deployed.SecondMigration.Output);
    }

    [Fact]
    public void ApiImage_BeforeTheMigrator_WaitsUnhealthyWithoutMigrating()
    {
        Assert.Equal(503, deployed.RegistrationHealthBeforeMigration.Status);
        Assert.Contains("schema is not up to date", deployed.RegistrationHealthBeforeMigration.Body);
        Assert.DoesNotContain("Applied", deployed.RegistrationLogBeforeMigration);
        // The migrator, not the replica, applied the migrations: the first run found them all pending.
        Assert.Contains("database migration(s)", deployed.FirstMigration.Output);
    }

    [Theory]
    [InlineData(ServiceImages.Gateway)]
    [InlineData(ServiceImages.RegistrationApi)]
    [InlineData(ServiceImages.AdminApi)]
    [InlineData(ServiceImages.AuditWorker)]
    public async Task EveryImage_Probes_HealthAndAliveAnswer200(string image)
    {
        Assert.Equal(200, (await deployed.HealthAsync(image)).Status);
        Assert.Equal(200, (await deployed.HealthAsync(image, "/alive")).Status);
    }

    [Theory]
    [InlineData(ServiceImages.Gateway)]
    [InlineData(ServiceImages.RegistrationApi)]
    [InlineData(ServiceImages.AdminApi)]
    [InlineData(ServiceImages.AuditWorker)]
    public async Task EveryImage_ProbeCommand_ExitsZeroInsideTheContainer(string image)
    {
        // What compose's healthcheck runs: the image has no shell and no curl.
        var (exitCode, output) = await deployed.Services[image].ExecAsync("dotnet", $"/app/{ServiceImages.Assembly(image)}", "probe");
        Assert.True(exitCode == 0, output);
        Assert.Contains("/health: 200", output);
    }

    [Theory]
    [InlineData(ServiceImages.Gateway)]
    [InlineData(ServiceImages.RegistrationApi)]
    [InlineData(ServiceImages.AdminApi)]
    [InlineData(ServiceImages.AuditWorker)]
    public async Task EveryContainer_Process_RunsAsAppOnAReadOnlyRootWithoutCapabilities(string image)
    {
        var pid = await deployed.Services[image].PidAsync();
        var status = await File.ReadAllLinesAsync($"/proc/{pid}/status", Ct);
        Assert.Equal("1654", Field(status, "Uid:").Split('\t', StringSplitOptions.RemoveEmptyEntries)[0]);
        Assert.Equal("1654", Field(status, "Gid:").Split('\t', StringSplitOptions.RemoveEmptyEntries)[0]);
        Assert.Equal(0UL, Convert.ToUInt64(Field(status, "CapEff:").Trim(), 16));
        Assert.Equal("1", Field(status, "NoNewPrivs:").Trim());
        // mountinfo: "id parent major:minor root mount-point options …"; the container's / is mounted read-only.
        var root = (await File.ReadAllLinesAsync($"/proc/{pid}/mountinfo", Ct)).Select(l => l.Split(' ')).Last(f => f[4] == "/");
        Assert.Contains("ro", root[5].Split(','));
    }

    [Fact]
    public async Task Gateway_PublicPort_RegistersAndReadsAClient()
    {
        var client = await RegisterAsync();
        using var read = new HttpRequestMessage(HttpMethod.Get, Public($"/register/{client.Id}"));
        read.Headers.Authorization = new AuthenticationHeaderValue("Bearer", client.Token);
        using var response = await deployed.Http.SendAsync(read, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(client.Id, (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["client_id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/admin/clients")]
    [InlineData("/api/admin/clients")]
    public async Task Gateway_PublicPort_DoesNotServeAdminTraffic(string path)
    {
        using var request = Admin(HttpMethod.Get, Public(path));
        using var response = await deployed.Http.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not_found", (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["error"]!.GetValue<string>());
    }

    /// <summary>Issue 14: an image runs as Production: the documents are served, the browsable reference is off.</summary>
    [Fact]
    public async Task Images_InProduction_ServeTheDocuments_ButNotTheReferencePage()
    {
        using var registration = await deployed.Http.GetAsync(Public("/register/openapi.json"), Ct);
        using var admin = await deployed.Http.GetAsync(AdminUrl("/admin/openapi.json"), Ct);
        using var reference = await deployed.Http.GetAsync(AdminUrl("/admin/docs/"), Ct);

        Assert.Equal(HttpStatusCode.OK, registration.StatusCode);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.StartsWith("3.1.", (await admin.Content.ReadFromJsonAsync<JsonObject>(Ct))!["openapi"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, reference.StatusCode);
    }

    [Fact]
    public async Task Gateway_AdminPort_ListsTheRegisteredClient()
    {
        var client = await RegisterAsync();
        using var request = Admin(HttpMethod.Get, AdminUrl($"/admin/clients/{client.Id}"));
        using var response = await deployed.Http.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var anonymous = await deployed.Http.GetAsync(AdminUrl("/admin/clients"), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task AuditWorkerImage_ARegistration_ReachesTheAuditLog()
    {
        var client = await RegisterAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        JsonArray events;
        do
        {
            using var request = Admin(HttpMethod.Get, AdminUrl($"/admin/audit?resource_id={client.Id}"));
            using var response = await deployed.Http.SendAsync(request, Ct);
            events = (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["events"]!.AsArray();
            if (events.Count > 0 || DateTime.UtcNow > deadline)
                break;
            await Task.Delay(250, Ct);
        } while (true);
        Assert.Contains(events, e => e!["action"]!.GetValue<string>() == "client_registered");
    }

    private async Task<(string Id, string Token)> RegisterAsync()
    {
        var metadata = new JsonObject
        {
            ["client_name"] = "image test",
            ["redirect_uris"] = new JsonArray("https://app.example.com/callback"),
        };
        using var response = await deployed.Http.PostAsJsonAsync(Public("/register"), metadata, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return (body.GetProperty("client_id").GetString()!, body.GetProperty("registration_access_token").GetString()!);
    }

    private HttpRequestMessage Admin(HttpMethod method, Uri url)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", deployed.AdminSecret);
        return request;
    }

    private Uri Public(string path) => deployed.Url(ServiceImages.Gateway, path);

    private Uri AdminUrl(string path) => new($"http://127.0.0.1:{deployed.GatewayAdminPort}{path}");

    private static string Field(string[] status, string name) => status.Single(l => l.StartsWith(name, StringComparison.Ordinal))[name.Length..];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// Podman runs here (issue 32): the gateway image, run by Podman as compose runs it — read-only root, its own user,
    /// every capability dropped, no new privileges — routes a registration to the API images, and is removed after.
    /// </summary>
    [Fact]
    public async Task GatewayImage_UnderPodmanAsComposeRunsIt_RoutesARegistrationToTheApiImages()
    {
        var port = Testing.FreeTcpPort.Next();
        var name = $"cp-podman-gateway-{Guid.NewGuid():N}"[..32];
        var (started, said) = await Podman.RunAsync("run", "--detach", "--rm", "--name", name, "--network", "host", "--read-only", "--tmpfs", "/tmp",
            "--cap-drop", "ALL", "--security-opt", "no-new-privileges", "--tls-verify=false",
            "-e", $"ASPNETCORE_HTTP_PORTS={port}", "-e", "Gateway__TlsTerminatedUpstream=true",
            "-e", $"services__registration-api__http__0=http://127.0.0.1:{deployed.Ports[ServiceImages.RegistrationApi]}",
            "-e", $"services__admin-api__http__0=http://127.0.0.1:{deployed.Ports[ServiceImages.AdminApi]}",
            ServiceImages.Reference(ServiceImages.Gateway));
        try
        {
            Assert.True(started == 0, $"podman run failed: {said}");
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!await AnswersAsync(http, "/health") && DateTime.UtcNow < deadline)
                await Task.Delay(500, Ct);

            using var response = await http.PostAsync("/register",
                new StringContent("""{"redirect_uris":["https://client.example.org/cb"]}""", System.Text.Encoding.UTF8, "application/json"), Ct);
            var (_, user) = await Podman.RunAsync("inspect", name, "--format", "{{.Config.User}} {{.HostConfig.ReadonlyRootfs}}");

            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            Assert.Equal("1654:1654 true", user.Trim());
        }
        finally
        {
            await Podman.RunAsync("rm", "--force", "--time", "5", name);
        }
        Assert.Empty((await Podman.RunAsync("ps", "--all", "--quiet", "--filter", $"name={name}")).Output.Trim());
    }

    private static async Task<bool> AnswersAsync(HttpClient http, string path)
    {
        try
        {
            using var response = await http.GetAsync(path, Ct);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
