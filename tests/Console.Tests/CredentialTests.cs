using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClientPlatform.Console.Tests;

/// <summary>
/// Issue 34: a client's credentials managed in the console — its secrets (added, last use seen, retired) and the keys of
/// a private_key_jwt client (staged, activated, removed) — checked against what the admin API then verifies and publishes.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class CredentialTests(ConsoleBrowser platform)
{
    private readonly ConsoleSteps _console = new(platform);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Administrator_AddsASecret_SeesItsLastUse_AndRetiresTheOldOne_WithoutCurl()
    {
        // Arrange: a confidential client registered as applications do, its first secret in use.
        var name = $"Rotating app {Guid.NewGuid():N}"[..26];
        var registered = await _console.RegisterAsync(name);
        var page = await platform.NewPageAsync();
        await ConsoleSteps.SignInAsync(page, platform.AdminSecret);
        await ConsoleSteps.OpenClientAsync(page, name);
        var rows = page.Locator("#secrets tbody tr");
        await Expect(rows).ToHaveCountAsync(1);
        var firstId = await rows.First.GetAttributeAsync("data-secret");

        // Act: add a second secret, shown once; the first keeps working meanwhile.
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a secret" }).ClickAsync();
        var shown = page.Locator("#new-secret");
        await Expect(shown).ToBeVisibleAsync();
        var added = (await shown.TextContentAsync())!;
        await Expect(rows).ToHaveCountAsync(2);
        Assert.True(await _console.VerifiesAsync(registered.Id, registered.Secret!));
        Assert.True(await _console.VerifiesAsync(registered.Id, added));

        // Its last use shows once the authorization server has checked it (recorded off the request's path).
        var newRow = page.Locator($"#secrets tbody tr:not([data-secret='{firstId}'])");
        await Expect(newRow).ToContainTextAsync("current");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await newRow.Locator("td").Nth(3).TextContentAsync())!.Trim() == "never")
        {
            Assert.True(DateTime.UtcNow < deadline, "the new secret's last use never showed");
            await Task.Delay(500, Cancel);
            await page.GetByRole(AriaRole.Button, new() { Name = "Back to the list" }).ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
        }
        await Expect(newRow.Locator("td").Nth(3)).ToContainTextAsync("UTC");
        Assert.DoesNotContain("null", await page.Locator("#main").InnerTextAsync()); // a section left out is not printed
        await page.ScreenshotAsync(new() { Path = Path.Combine(ConsoleBrowser.Screenshots, "console-secrets.png"), FullPage = true });

        // Retire the first, after confirming: it stops working at once; the last one cannot be retired from here.
        await page.GetByRole(AriaRole.Button, new() { Name = $"Retire {firstId}" }).ClickAsync();
        await Expect(page.Locator("#confirm-text")).ToContainTextAsync(firstId!);
        await page.Locator("#confirm-yes").ClickAsync();
        await Expect(page.Locator("#status")).ToHaveTextAsync($"Retired {firstId}.");

        // Assert
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Retire", Exact = false })).ToHaveCountAsync(0);
        Assert.False(await _console.VerifiesAsync(registered.Id, registered.Secret!));
        Assert.True(await _console.VerifiesAsync(registered.Id, added));
    }

    [Fact]
    public async Task Administrator_StagesAKey_ActivatesIt_AndRemovesTheOldOne_ThePublishedJwksFollowing()
    {
        // Arrange: a private_key_jwt client with one key, made by an administrator.
        var name = $"Signed app {Guid.NewGuid():N}"[..23];
        using var create = await _console.AdminAsync(HttpMethod.Post, "/admin/clients", new
        {
            client_name = name, redirect_uris = new[] { "https://console.example.com/cb" }, token_endpoint_auth_method = "private_key_jwt",
            jwks = new { keys = new[] { ConsoleSteps.PublicJwk("k-old") } },
        });
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        var clientId = (await create.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("client").GetProperty("client_id").GetString()!;
        var page = await platform.NewPageAsync();
        await ConsoleSteps.SignInAsync(page, platform.AdminSecret);
        await ConsoleSteps.OpenClientAsync(page, name);
        var keys = page.Locator("#client-keys tbody tr");
        await Expect(keys).ToHaveCountAsync(1);

        // Act: a new key staged, then activated; the old one deactivated, then removed after confirming.
        await page.GetByLabel("Public key (a JWK with a kid)").FillAsync(JsonSerializer.Serialize(ConsoleSteps.PublicJwk("k-new")));
        await page.GetByLabel("Publish it now (else staged)").UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add key" }).ClickAsync();
        await Expect(page.Locator("#status")).ToHaveTextAsync("Added key k-new, staged.");
        await Expect(page.Locator("tr[data-kid=k-new]")).ToContainTextAsync("staged");
        var staged = await PublishedKidsAsync(clientId);
        await page.GetByRole(AriaRole.Button, new() { Name = "Activate k-new" }).ClickAsync();
        await Expect(page.Locator("tr[data-kid=k-new]")).ToContainTextAsync("active");
        await page.GetByRole(AriaRole.Button, new() { Name = "Deactivate k-old" }).ClickAsync();
        await Expect(page.Locator("tr[data-kid=k-old]")).ToContainTextAsync("staged");
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove k-old" }).ClickAsync();
        await page.Locator("#confirm-yes").ClickAsync();
        await Expect(page.Locator("#status")).ToHaveTextAsync("Removed k-old.");

        // Assert: what the client's jwks publishes followed each step.
        await Expect(keys).ToHaveCountAsync(1);
        Assert.Equal(["k-old"], staged);
        Assert.Equal(["k-new"], await PublishedKidsAsync(clientId));
    }

    /// <summary>The kids of the client's jwks, as the admin API publishes it.</summary>
    private async Task<string[]> PublishedKidsAsync(string clientId)
    {
        using var response = await _console.AdminAsync(HttpMethod.Get, $"/admin/clients/{clientId}");
        var client = (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("client");
        return [.. client.GetProperty("jwks").GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!)];
    }
}
