using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClientPlatform.Console.Tests;

/// <summary>
/// Admin keys in the console: created with scopes, shown once, and revoked.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class AdminKeyTests(ConsoleBrowser platform)
{
    private readonly ConsoleSteps _console = new(platform);

    [Fact]
    public async Task AdminKeys_AreCreatedWithScopes_ShownOnce_AndRevoked()
    {
        var name = $"ci-{Guid.NewGuid():N}"[..12];
        var page = await platform.NewPageAsync();
        await ConsoleSteps.SignInAsync(page, platform.AdminSecret);
        await page.GetByRole(AriaRole.Button, new() { Name = "Admin keys" }).ClickAsync();

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("clients:read").CheckAsync();
        await page.GetByLabel("audit:read").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        await Expect(page.Locator("#status")).ToContainTextAsync("Created key");
        var key = await page.Locator("#new-secret").TextContentAsync();
        var row = page.Locator("#keys tbody tr", new() { HasText = name });
        await Expect(row).ToContainTextAsync("clients:read audit:read");
        using (var works = await _console.AdminAsync(HttpMethod.Get, "/admin/audit?limit=1", credential: key))
            Assert.Equal(HttpStatusCode.OK, works.StatusCode);

        await row.GetByRole(AriaRole.Button, new() { Name = $"Revoke {name}" }).ClickAsync();
        await page.Locator("#confirm-yes").ClickAsync();
        await Expect(row).ToContainTextAsync("revoked");
        using var refused = await _console.AdminAsync(HttpMethod.Get, "/admin/audit?limit=1", credential: key);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }
}
