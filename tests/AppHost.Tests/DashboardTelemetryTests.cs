using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClientPlatform.ServiceDefaults;
using ClientPlatform.Testing;

namespace ClientPlatform.AppHost.Tests;

/// <summary>
/// The platform as ./run.sh starts it, with Aspire's dashboard: every service's telemetry reaches it over OTLP,
/// one POST /register is one trace across the gateway, a registration replica and the audit worker, as the
/// dashboard's trace view shows it, and a normal first start leaves no Warning or Error among the structured logs, nor
/// do requests refused before their body is read (both read here through the dashboard's telemetry API, as a person
/// reads them on its pages); Ctrl+C then stops every process of the run.
/// </summary>
public sealed partial class DashboardTelemetryTests
{
    private const string ApiKey = "dashboard-telemetry-test-key";
    private static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(3);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FirstStartAndRefusedRequests_LogNoWarningOrError_ARegistrationIsOneTraceAcrossGatewayRegistrationApiAndAuditWorker_ThenSigIntLeavesNoProcess()
    {
        // Arrange
        var (gatewayPort, dashboardPort) = (FreeTcpPort.Next(), FreeTcpPort.NextForDashboard());
        var state = Directory.CreateTempSubdirectory("apphost-telemetry-").FullName;
        File.SetUnixFileMode(state, (UnixFileMode)0b111_101_101);
        await using var host = AppHostProcess.Start(new Dictionary<string, string> { ["AppHost__DashboardApiKey"] = ApiKey },
            "--gateway-port", gatewayPort.ToString(), "--dashboard-port", dashboardPort.ToString(), "--state-dir", state);
        await host.WaitForOutputAsync(ReadyLine(), StartLimit);
        await RunCommandTests.AssertReadyAsync(host, gatewayPort, dashboardPort);
        using var gateway = new HttpClient { BaseAddress = new Uri($"http://localhost:{gatewayPort}") };
        using var dashboard = new HttpClient { BaseAddress = new Uri($"http://localhost:{dashboardPort}") };
        dashboard.DefaultRequestHeaders.Add("x-api-key", ApiKey);

        // Act: a registration whose trace id the test chose (W3C traceparent, as a browser's or a client's tracer sends).
        var traceId = ActivityTraceId.CreateRandom().ToString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/register")
        {
            Content = JsonContent.Create(new { redirect_uris = new[] { "https://trace.example.com/cb" }, client_name = "traced" }),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        var registered = await gateway.SendAsync(request, Ct);
        var (services, spans) = await WaitForTraceAsync(dashboard, traceId, host);
        // Refusals answered before the body is read (a bad credential, then the address's limit) log nothing either.
        for (var i = 0; i < 30; i++)
        {
            using var refused = new HttpRequestMessage(HttpMethod.Put, $"/register/unknown-{i}")
            {
                Content = JsonContent.Create(new { client_id = $"unknown-{i}", redirect_uris = new[] { "https://trace.example.com/cb" } }),
            };
            refused.Headers.Authorization = new("Bearer", "not-a-registration-token");
            using var answer = await gateway.SendAsync(refused, Ct);
            Assert.True(answer.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests, $"refused update: {answer.StatusCode}");
        }
        await Task.Delay(TimeSpan.FromSeconds(6), Ct); // each service exports its logs every few seconds

        // Assert
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        Assert.Contains(ResourceNames.Gateway, services);
        Assert.Contains(services, s => s.StartsWith(ResourceNames.RegistrationApi + "-", StringComparison.Ordinal));
        Assert.Contains(ResourceNames.AuditWorker, services);
        Assert.Contains("audit_log append", spans);
        Assert.Contains(spans, s => s.StartsWith("POST", StringComparison.Ordinal));
        var warnings = await WarningsAndErrorsAsync(dashboard);
        Assert.True(warnings.Count == 0, "Logged at Warning or above on a first start with refused requests:\n" + string.Join("\n", warnings));
        await RunCommandTests.SignalAndAssertNothingLeftAsync(host, Native.SigInt);
    }

    /// <summary>OTLP JSON logs: every record at Warning or above (severity number 13 and up), as "service level: message".</summary>
    private static async Task<List<string>> WarningsAndErrorsAsync(HttpClient dashboard)
    {
        using var response = await dashboard.GetAsync("/api/telemetry/logs?limit=10000", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var logs = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var found = new List<string>();
        foreach (var resource in logs.RootElement.GetProperty("data").GetProperty("resourceLogs").EnumerateArray())
        {
            var service = string.Join(",", ServiceNames(resource.GetProperty("resource")));
            foreach (var scope in resource.GetProperty("scopeLogs").EnumerateArray())
                foreach (var record in scope.GetProperty("logRecords").EnumerateArray())
                    if (record.TryGetProperty("severityNumber", out var severity) && severity.GetInt32() >= 13)
                        found.Add($"{service} {record.GetProperty("severityText").GetString()} {scope.GetProperty("scope").GetProperty("name").GetString()}: " +
                                  (record.TryGetProperty("body", out var body) && body.TryGetProperty("stringValue", out var text) ? text.GetString() : ""));
        }
        return found;
    }

    /// <summary>Polls the dashboard until the trace holds spans of the gateway, a registration replica and the audit worker.</summary>
    private static async Task<(HashSet<string> Services, HashSet<string> Spans)> WaitForTraceAsync(HttpClient dashboard, string traceId, AppHostProcess host)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var (services, spans) = (new HashSet<string>(), new HashSet<string>());
        string last = "";
        while (DateTime.UtcNow < deadline)
        {
            using var response = await dashboard.GetAsync($"/api/telemetry/traces/{traceId}", Ct);
            last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}";
            if (response.StatusCode == HttpStatusCode.OK)
            {
                using var trace = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
                (services, spans) = (ServiceNames(trace.RootElement), SpanNames(trace.RootElement));
                // Each service exports its spans in its own batches (every few seconds): wait for all three.
                if (services.Contains(ResourceNames.AuditWorker) && services.Contains(ResourceNames.Gateway)
                    && services.Any(s => s.StartsWith(ResourceNames.RegistrationApi + "-", StringComparison.Ordinal)))
                    return (services, spans);
            }
            else
                Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
            await Task.Delay(500, Ct);
        }
        Assert.Fail($"The trace never spanned all three services. Services: {string.Join(", ", services)}. Last answer: {last[..Math.Min(last.Length, 2000)]}\n{host.Output[^Math.Min(host.Output.Length, 3000)..]}");
        return default;
    }

    /// <summary>OTLP JSON: every resource's <c>service.name</c> attribute.</summary>
    private static HashSet<string> ServiceNames(JsonElement element)
    {
        var names = new HashSet<string>();
        Walk(element, e =>
        {
            if (e.TryGetProperty("key", out var key) && key.ValueKind == JsonValueKind.String && key.GetString() == "service.name"
                && e.TryGetProperty("value", out var value) && value.TryGetProperty("stringValue", out var name))
                names.Add(name.GetString()!);
        });
        return names;
    }

    /// <summary>OTLP JSON: every span's name (spans have a <c>spanId</c> and a <c>name</c>).</summary>
    private static HashSet<string> SpanNames(JsonElement element)
    {
        var names = new HashSet<string>();
        Walk(element, e =>
        {
            if (e.TryGetProperty("spanId", out _) && e.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
                names.Add(name.GetString()!);
        });
        return names;
    }

    private static void Walk(JsonElement element, Action<JsonElement> visit)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                visit(element);
                foreach (var property in element.EnumerateObject())
                    Walk(property.Value, visit);
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                    Walk(item, visit);
                break;
        }
    }

    [GeneratedRegex(@"All resources are healthy after")]
    private static partial Regex ReadyLine();
}
