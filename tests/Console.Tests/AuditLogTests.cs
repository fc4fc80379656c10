using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClientPlatform.Console.Tests;

/// <summary>
/// Issue 34: the audit log in the console, filtered as the API filters it, and its chain verified on request.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class AuditLogTests(ConsoleBrowser platform)
{
    private readonly ConsoleSteps _console = new(platform);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Administrator_FiltersTheAuditLog_SeesTheApisMessageForABadTime_AndVerifiesTheChain()
    {
        var registered = await _console.RegisterAsync($"Audited app {Guid.NewGuid():N}"[..24]);
        var page = await platform.NewPageAsync();
        await ConsoleSteps.SignInAsync(page, platform.AdminSecret);
        await page.GetByRole(AriaRole.Button, new() { Name = "Audit log" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Audit log", Level = 2 })).ToBeVisibleAsync();

        // One client's events, once the worker (which writes asynchronously) has its registration in the log.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await _console.AuditHasAsync(registered.Id, "client_registered"))
        {
            Assert.True(DateTime.UtcNow < deadline, "the registration never reached the audit log");
            await Task.Delay(200, Cancel);
        }
        await page.GetByLabel("Resource id").FillAsync(registered.Id);
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(page.Locator("#audit-count")).ToHaveTextAsync($"1 event(s) where resource_id {registered.Id}");
        await Expect(page.Locator("#audit tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#audit tbody")).ToContainTextAsync("client_registered");
        await Expect(page.Locator("#audit tbody")).ToContainTextAsync($"client {registered.Id}");

        // A time the API cannot read: its own words.
        await page.GetByLabel("From").FillAsync("yesterday");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        using var refused = await _console.AdminAsync(HttpMethod.Get, $"/admin/audit?resource_id={registered.Id}&from=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        await Expect(page.Locator("#audit-error")).ToHaveTextAsync((await refused.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("detail").GetString()!);

        // The chain, verified on request.
        await page.GetByLabel("From").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify chain" }).ClickAsync();
        await Expect(page.Locator("#chain")).ToContainTextAsync("Audit chain valid");
        await Expect(page.Locator("#audit-count")).ToHaveTextAsync($"1 event(s) where resource_id {registered.Id}"); // the filter kept
        await page.ScreenshotAsync(new() { Path = Path.Combine(ConsoleBrowser.Screenshots, "console-audit.png"), FullPage = true });
    }
}
