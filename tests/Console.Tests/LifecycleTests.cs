using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClientPlatform.Console.Tests;

/// <summary>
/// Issue 34: the lifecycle of registered clients in the console — which expired now and why (the reaper's dry run), and
/// reaping them on request — under the platform's rule for the administrators' clients marked lifecycle_managed.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class LifecycleTests(ConsoleBrowser platform)
{
    public static readonly TimeSpan NeverUsedFor = TimeSpan.FromSeconds(2);
    private readonly ConsoleSteps _console = new(platform);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Administrator_SeesANeverUsedClientExpiredWithWhy_ReapsIt_AndItIsGone()
    {
        // An administrator's client is under the admin rule only where marked: this one is.
        using var created = await _console.AdminAsync(HttpMethod.Post, "/admin/clients",
            new { client_name = "Forgotten app", redirect_uris = new[] { "https://console.example.com/cb" }, lifecycle_managed = true });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var clientId = (await created.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("client").GetProperty("client_id").GetString()!;
        await Task.Delay(NeverUsedFor + TimeSpan.FromSeconds(0.5), Cancel);

        var page = await platform.NewPageAsync();
        await ConsoleSteps.SignInAsync(page, platform.AdminSecret);
        await page.GetByRole(AriaRole.Button, new() { Name = "Lifecycle" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Lifecycle", Level = 2 })).ToBeVisibleAsync();
        var row = page.Locator($"#stale tbody tr[data-client='{clientId}']");
        await Expect(row).ToContainTextAsync("admin");
        await Expect(row).ToContainTextAsync("never used");
        await Expect(row).ToContainTextAsync("deleted");
        await page.ScreenshotAsync(new() { Path = Path.Combine(ConsoleBrowser.Screenshots, "console-lifecycle.png"), FullPage = true });

        await page.GetByRole(AriaRole.Button, new() { Name = "Reap now" }).ClickAsync();
        await page.Locator("#confirm-yes").ClickAsync();

        await Expect(page.Locator("#status")).ToContainTextAsync("Reaped");
        await Expect(row).ToHaveCountAsync(0);
        using var gone = await _console.AdminAsync(HttpMethod.Get, $"/admin/clients/{clientId}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await _console.AuditHasAsync(clientId, "client_expired"))
        {
            Assert.True(DateTime.UtcNow < deadline, "the reaping never reached the audit log");
            await Task.Delay(200, Cancel);
        }
    }

    [Fact]
    public async Task ReadOnlyKey_SeesNoLifecyclePage()
    {
        var key = await _console.CreateKeyAsync("lifecycle reader", "clients:read");
        var page = await platform.NewPageAsync();

        await ConsoleSteps.SignInAsync(page, key);

        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Lifecycle" })).ToBeHiddenAsync();
    }
}
