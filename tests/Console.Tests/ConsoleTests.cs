using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClientPlatform.Console.Tests;

/// <summary>
/// Issue 14: an administrator's work on clients in the console, in a real browser against the running platform — and
/// what the API then does about it (a locked client's own update refused, a deleted client gone).
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleTests(ConsoleBrowser platform)
{
    private readonly ConsoleSteps _console = new(platform);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Administrator_FindsEditsLocksRekeysAuditsAndDeletesAClient()
    {
        var name = $"Console app {Guid.NewGuid():N}"[..24];
        var registered = await _console.RegisterAsync(name);
        var page = await platform.NewPageAsync();
        await ConsoleSteps.SignInAsync(page, platform.AdminSecret);

        // Find it by search.
        await page.GetByLabel("Search by name or client id").FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await Expect(page.Locator("#clients caption")).ToHaveTextAsync($"1 client(s) matching “{name}”");
        await page.ScreenshotAsync(new() { Path = Path.Combine(ConsoleBrowser.Screenshots, "console-list.png"), FullPage = true });
        await page.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();

        // Every field, as the admin API has it.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 2 })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-field=client_id]")).ToHaveTextAsync(registered.Id);
        await Expect(page.Locator("[data-field=redirect_uris]")).ToHaveTextAsync("https://console.example.com/cb");
        await Expect(page.Locator("[data-field=client_secret]")).ToHaveTextAsync("***masked***");

        // Edit: a bad value gets the API's own message; a good one is saved.
        await page.GetByRole(AriaRole.Button, new() { Name = "Edit" }).ClickAsync();
        await page.GetByLabel("Redirect URIs", new() { Exact = true }).FillAsync("https://console.example.com/cb#fragment");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        var apiMessage = await _console.AdminProblemAsync(registered.Id, new { redirect_uris = new[] { "https://console.example.com/cb#fragment" } });
        await Expect(page.Locator("#form-error")).ToHaveTextAsync(apiMessage);
        await page.GetByLabel("Redirect URIs", new() { Exact = true }).FillAsync("https://console.example.com/cb\nhttps://console.example.com/other");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name + " v2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.Locator("[data-field=client_name]")).ToHaveTextAsync(name + " v2");
        await Expect(page.Locator("[data-field=redirect_uris]")).ToHaveTextAsync("https://console.example.com/cb, https://console.example.com/other");

        // Lock it: the client's own RFC 7592 update is then refused by the API.
        await page.GetByRole(AriaRole.Button, new() { Name = "Lock" }).ClickAsync();
        await Expect(page.Locator("[data-field=update_locked]")).ToHaveTextAsync("true");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Unlock" })).ToBeVisibleAsync();
        using (var update = await _console.SelfUpdateAsync(registered))
        {
            Assert.Equal(HttpStatusCode.Forbidden, update.StatusCode);
            Assert.Equal("access_denied", (await update.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("error").GetString());
        }

        // Regenerate the secret: shown once, with a copy button, and not the old one.
        await page.GetByRole(AriaRole.Button, new() { Name = "Regenerate secret" }).ClickAsync();
        await page.Locator("#confirm-yes").ClickAsync();
        var secret = page.Locator("#new-secret");
        await Expect(secret).ToBeVisibleAsync();
        var newSecret = await secret.TextContentAsync();
        Assert.False(string.IsNullOrEmpty(newSecret));
        Assert.NotEqual(registered.Secret, newSecret);
        await page.GetByRole(AriaRole.Button, new() { Name = "Copy" }).ClickAsync();
        Assert.Equal(newSecret, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(ConsoleBrowser.Screenshots, "console-client.png"), FullPage = true });

        // Its audit trail, and the chain verified. The worker writes asynchronously: reopen until the events are in.
        // Registered, edited, locked (an update of the locks), its own update refused, re-keyed.
        string[] expected = ["client_registered", "client_updated", "update_locked", "refused (403 access_denied)", "secret_regenerated"];
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Back to the list" }).ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = name + " v2" }).ClickAsync();
            var trail = await page.Locator("#audit tbody").TextContentAsync() ?? "";
            if (expected.All(trail.Contains))
                break;
            Assert.True(DateTime.UtcNow < deadline, $"the audit trail shows only: {trail}");
            await Task.Delay(500, Cancel); // the worker writes the log asynchronously; look again
        }
        await Expect(page.Locator("#chain")).ToContainTextAsync("Audit chain valid");

        // Delete, after confirming: the API no longer knows it.
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(page.Locator("#confirm-text")).ToContainTextAsync("Delete");
        await page.Locator("#confirm-yes").ClickAsync();
        await Expect(page.Locator("#status")).ToHaveTextAsync($"Deleted {registered.Id}.");
        using var gone = await _console.AdminAsync(HttpMethod.Get, $"/admin/clients/{registered.Id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Administrator_CreatesAClient_SeeingTheApisMessageForABadValueAndTheSecretOnce()
    {
        var name = $"Created {Guid.NewGuid():N}"[..20];
        var page = await platform.NewPageAsync();
        await ConsoleSteps.SignInAsync(page, platform.AdminSecret);

        await page.GetByRole(AriaRole.Button, new() { Name = "New client" }).ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("Redirect URIs", new() { Exact = true }).FillAsync("http://not-loopback.example.com/cb");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        using (var refused = await _console.AdminAsync(HttpMethod.Post, "/admin/clients", new { client_name = name, redirect_uris = new[] { "http://not-loopback.example.com/cb" } }))
            await Expect(page.Locator("#form-error")).ToHaveTextAsync((await refused.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("detail").GetString()!);

        await page.GetByLabel("Redirect URIs", new() { Exact = true }).FillAsync("https://created.example.com/cb");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 2 })).ToBeVisibleAsync();
        await Expect(page.Locator("#new-secret")).Not.ToBeEmptyAsync();
        var clientId = await page.Locator("[data-field=client_id]").TextContentAsync();
        using var stored = await _console.AdminAsync(HttpMethod.Get, $"/admin/clients/{clientId}");
        Assert.Equal(name, (await stored.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("client").GetProperty("client_name").GetString());
    }

    [Fact]
    public async Task ReadOnlyKey_SeesClients_ButNoButtonThatChangesThem()
    {
        var name = $"Read only {Guid.NewGuid():N}"[..22];
        await _console.RegisterAsync(name);
        var key = await _console.CreateKeyAsync("reader", "clients:read");
        var page = await platform.NewPageAsync();
        await ConsoleSteps.SignInAsync(page, key);

        await page.GetByLabel("Search by name or client id").FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await Expect(page.Locator("#clients caption")).ToHaveTextAsync($"1 client(s) matching “{name}”");
        await page.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 2 })).ToBeVisibleAsync();

        foreach (var button in new[] { "New client", "Admin keys", "Initial access tokens", "Statement issuers", "Audit log", "Edit", "Lock",
                     "Regenerate secret", "Delete", "Add a secret", "Retire" })
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = button, Exact = false })).ToHaveCountAsync(0);
        await Expect(page.Locator("#secrets tbody tr")).ToHaveCountAsync(1); // read, not changed
        await Expect(page.Locator("#audit")).ToHaveCountAsync(0); // no audit:read either
    }

    [Fact]
    public async Task Page_SendsAStrictCsp_AndKeepsTheKeyOnlyInMemory()
    {
        var page = await platform.NewPageAsync();
        var response = await page.GotoAsync("/admin/console");
        var csp = (await response!.AllHeadersAsync())["content-security-policy"];
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("default-src 'none'", csp);

        await ConsoleSteps.SignInAsync(page, platform.AdminSecret, navigate: false);
        var stored = await page.EvaluateAsync<string>("() => JSON.stringify([localStorage.length, sessionStorage.length, document.cookie])");
        Assert.Equal("[0,0,\"\"]", stored);
        Assert.Empty(await page.Context.CookiesAsync());
        // A reload forgets the key: the page asks for it again.
        await page.ReloadAsync();
        await Expect(page.GetByLabel("Admin API key")).ToBeVisibleAsync();
        await Expect(page.Locator("#nav")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task BulkDelete_DeletesTheSelectedClients_AfterConfirmation()
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        var first = await _console.RegisterAsync($"Bulk {tag} one");
        var second = await _console.RegisterAsync($"Bulk {tag} two");
        var page = await platform.NewPageAsync();
        await ConsoleSteps.SignInAsync(page, platform.AdminSecret);
        await page.GetByLabel("Search by name or client id").FillAsync($"Bulk {tag}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        // The search's own answer (on a new platform the unfiltered list may hold just these two as well).
        await Expect(page.Locator("#clients caption")).ToHaveTextAsync($"2 client(s) matching “Bulk {tag}”");
        await Expect(page.Locator("#clients tbody tr")).ToHaveCountAsync(2);

        await page.GetByLabel($"Select Bulk {tag} one").CheckAsync();
        await page.GetByLabel($"Select Bulk {tag} two").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete selected" }).ClickAsync();
        await Expect(page.Locator("#confirm-text")).ToHaveTextAsync("Delete 2 client(s)? This cannot be undone.");
        // Cancelling deletes nothing.
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(page.Locator("#confirm")).ToBeHiddenAsync();
        await Expect(page.Locator("#clients tbody tr")).ToHaveCountAsync(2);
        await Expect(page.GetByLabel($"Select Bulk {tag} one")).ToBeCheckedAsync();
        await Expect(page.GetByLabel($"Select Bulk {tag} two")).ToBeCheckedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete selected" }).ClickAsync();
        await page.Locator("#confirm-yes").ClickAsync();

        await Expect(page.Locator("#status")).ToHaveTextAsync("Deleted 2 of 2 client(s).");
        await Expect(page.Locator("#clients tbody tr")).ToHaveCountAsync(0);
        foreach (var id in new[] { first.Id, second.Id })
        {
            using var gone = await _console.AdminAsync(HttpMethod.Get, $"/admin/clients/{id}");
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }
    }
}
