using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClientPlatform.Console.Tests;

/// <summary>
/// Issue 14: an administrator's work in the console, in a real browser against the running platform — and what
/// the API then does about it (a locked client's own update refused, a deleted client gone).
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleTests(ConsoleBrowser platform)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Administrator_FindsEditsLocksRekeysAuditsAndDeletesAClient()
    {
        var name = $"Console app {Guid.NewGuid():N}"[..24];
        var registered = await RegisterAsync(name);
        var page = await platform.NewPageAsync();
        await SignInAsync(page, platform.AdminSecret);

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
        var apiMessage = await AdminProblemAsync(registered.Id, new { redirect_uris = new[] { "https://console.example.com/cb#fragment" } });
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
        using (var update = await SelfUpdateAsync(registered))
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
        using var gone = await AdminAsync(HttpMethod.Get, $"/admin/clients/{registered.Id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Administrator_AddsASecret_SeesItsLastUse_AndRetiresTheOldOne_WithoutCurl()
    {
        // Arrange: a confidential client registered as applications do, its first secret in use.
        var name = $"Rotating app {Guid.NewGuid():N}"[..26];
        var registered = await RegisterAsync(name);
        var page = await platform.NewPageAsync();
        await SignInAsync(page, platform.AdminSecret);
        await page.GetByLabel("Search by name or client id").FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
        var rows = page.Locator("#secrets tbody tr");
        await Expect(rows).ToHaveCountAsync(1);
        var firstId = await rows.First.GetAttributeAsync("data-secret");

        // Act: add a second secret, shown once; the first keeps working meanwhile.
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a secret" }).ClickAsync();
        var shown = page.Locator("#new-secret");
        await Expect(shown).ToBeVisibleAsync();
        var added = (await shown.TextContentAsync())!;
        await Expect(rows).ToHaveCountAsync(2);
        Assert.True(await VerifiesAsync(registered.Id, registered.Secret!));
        Assert.True(await VerifiesAsync(registered.Id, added));

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
        Assert.False(await VerifiesAsync(registered.Id, registered.Secret!));
        Assert.True(await VerifiesAsync(registered.Id, added));
    }

    [Fact]
    public async Task Administrator_IssuesAnInitialAccessToken_SeesItOnce_AndRevokesIt()
    {
        var name = $"Partner onboarding {Guid.NewGuid():N}"[..28];
        var page = await platform.NewPageAsync();
        await SignInAsync(page, platform.AdminSecret);
        await page.GetByRole(AriaRole.Button, new() { Name = "Initial access tokens" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Initial access tokens", Level = 2 })).ToBeVisibleAsync();

        // A bad value gets the API's own words.
        await page.GetByLabel("Registrations it allows").FillAsync("0");
        await page.GetByRole(AriaRole.Button, new() { Name = "Issue token" }).ClickAsync();
        await Expect(page.Locator("#token-error")).ToContainTextAsync("max_uses:");

        // Issued: the token shown once, listed without it.
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("Registrations it allows").FillAsync("2");
        await page.GetByLabel("Valid for (hours)").FillAsync("24");
        await page.GetByRole(AriaRole.Button, new() { Name = "Issue token" }).ClickAsync();
        var shown = page.Locator("#new-secret");
        await Expect(shown).ToBeVisibleAsync();
        var token = (await shown.TextContentAsync())!;
        var row = page.Locator("#tokens tbody tr", new() { HasText = name });
        await Expect(row).ToContainTextAsync("active");
        await Expect(row).ToContainTextAsync("2 of 2");
        Assert.DoesNotContain(token, await page.Locator("#tokens").InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(ConsoleBrowser.Screenshots, "console-tokens.png"), FullPage = true });

        // Revoked after confirming: the API says so too.
        await page.GetByRole(AriaRole.Button, new() { Name = $"Revoke {name}" }).ClickAsync();
        await page.Locator("#confirm-yes").ClickAsync();
        await Expect(page.Locator("#status")).ToHaveTextAsync($"Revoked {name}.");
        await Expect(row).ToContainTextAsync("revoked");
        using var listed = await AdminAsync(HttpMethod.Get, "/admin/initial-access-tokens");
        var tokens = (await listed.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("initial_access_tokens");
        var issued = tokens.EnumerateArray().Single(t => t.GetProperty("name").GetString() == name);
        Assert.Equal(("revoked", 2, 86_400_000d), (issued.GetProperty("status").GetString(), issued.GetProperty("max_uses").GetInt32(),
            Math.Round((issued.GetProperty("expires_at").GetInt64() - issued.GetProperty("created_at").GetInt64()) / 1000d) * 1000));
    }

    [Fact]
    public async Task Administrator_FiltersTheAuditLog_SeesTheApisMessageForABadTime_AndVerifiesTheChain()
    {
        var registered = await RegisterAsync($"Audited app {Guid.NewGuid():N}"[..24]);
        var page = await platform.NewPageAsync();
        await SignInAsync(page, platform.AdminSecret);
        await page.GetByRole(AriaRole.Button, new() { Name = "Audit log" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Audit log", Level = 2 })).ToBeVisibleAsync();

        // One client's events: the worker writes them asynchronously, so filter until its registration is in.
        await page.GetByLabel("Resource id").FillAsync(registered.Id);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        do
        {
            Assert.True(DateTime.UtcNow < deadline, "the registration never showed in the audit log");
            await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
            await Expect(page.Locator("#audit-count")).ToBeVisibleAsync();
        }
        while (await page.Locator("#audit-count").TextContentAsync() != "1 event(s)");
        await Expect(page.Locator("#audit tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#audit tbody")).ToContainTextAsync("client_registered");
        await Expect(page.Locator("#audit tbody")).ToContainTextAsync($"client {registered.Id}");

        // A time the API cannot read: its own words.
        await page.GetByLabel("From").FillAsync("yesterday");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        using var refused = await AdminAsync(HttpMethod.Get, $"/admin/audit?resource_id={registered.Id}&from=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        await Expect(page.Locator("#audit-error")).ToHaveTextAsync((await refused.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("detail").GetString()!);

        // The chain, verified on request.
        await page.GetByLabel("From").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify chain" }).ClickAsync();
        await Expect(page.Locator("#chain")).ToContainTextAsync("Audit chain valid");
        await Expect(page.Locator("#audit tbody tr")).ToHaveCountAsync(1); // the filter kept
        await page.ScreenshotAsync(new() { Path = Path.Combine(ConsoleBrowser.Screenshots, "console-audit.png"), FullPage = true });
    }

    [Fact]
    public async Task Administrator_TrustsAStatementIssuer_ButNotWithAPrivateKey_ThenStopsTrustingIt()
    {
        var iss = $"https://issuer-{Guid.NewGuid():N}.example.com";
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var p = key.ExportParameters(includePrivateParameters: true);
        static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var publicJwks = $$"""{"keys":[{"kty":"EC","crv":"P-256","x":"{{B64(p.Q.X!)}}","y":"{{B64(p.Q.Y!)}}"}]}""";
        var privateJwks = $$"""{"keys":[{"kty":"EC","crv":"P-256","x":"{{B64(p.Q.X!)}}","y":"{{B64(p.Q.Y!)}}","d":"{{B64(p.D!)}}"}]}""";
        var page = await platform.NewPageAsync();
        await SignInAsync(page, platform.AdminSecret);
        await page.GetByRole(AriaRole.Button, new() { Name = "Statement issuers" }).ClickAsync();

        // A private key is never a trust anchor: the API's own words.
        await page.GetByLabel("Issuer (the iss of its statements)").FillAsync(iss);
        await page.GetByLabel("Or its JWK Set (public keys)").FillAsync(privateJwks);
        await page.GetByRole(AriaRole.Button, new() { Name = "Trust issuer" }).ClickAsync();
        await Expect(page.Locator("#issuer-error")).ToContainTextAsync("jwks");
        Assert.DoesNotContain(iss, await page.Locator("#issuers").InnerTextAsync());

        // Its public key: trusted, and listed.
        await page.GetByLabel("Or its JWK Set (public keys)").FillAsync(publicJwks);
        await page.GetByRole(AriaRole.Button, new() { Name = "Trust issuer" }).ClickAsync();
        await Expect(page.Locator("#status")).ToHaveTextAsync($"Trusted {iss}.");
        var row = page.Locator("#issuers tbody tr", new() { HasText = iss });
        await Expect(row).ToContainTextAsync("1 key(s) inline");

        // No longer trusted, after confirming: the API lists it no more.
        await page.GetByRole(AriaRole.Button, new() { Name = $"Stop trusting {iss}" }).ClickAsync();
        await page.Locator("#confirm-yes").ClickAsync();
        await Expect(page.Locator("#status")).ToHaveTextAsync($"No longer trusted: {iss}.");
        await Expect(row).ToHaveCountAsync(0);
        using var listed = await AdminAsync(HttpMethod.Get, "/admin/software-statement-issuers");
        Assert.DoesNotContain(iss, await listed.Content.ReadAsStringAsync(Cancel));
    }

    [Fact]
    public async Task Administrator_StagesAKey_ActivatesIt_AndRemovesTheOldOne_ThePublishedJwksFollowing()
    {
        // Arrange: a private_key_jwt client with one key, made by an administrator.
        var name = $"Signed app {Guid.NewGuid():N}"[..23];
        using var create = await AdminAsync(HttpMethod.Post, "/admin/clients", new
        {
            client_name = name, redirect_uris = new[] { "https://console.example.com/cb" }, token_endpoint_auth_method = "private_key_jwt",
            jwks = new { keys = new[] { PublicJwk("k-old") } },
        });
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        var clientId = (await create.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("client").GetProperty("client_id").GetString()!;
        var page = await platform.NewPageAsync();
        await SignInAsync(page, platform.AdminSecret);
        await page.GetByLabel("Search by name or client id").FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
        var keys = page.Locator("#client-keys tbody tr");
        await Expect(keys).ToHaveCountAsync(1);

        // Act: a new key staged, then activated; the old one deactivated, then removed after confirming.
        await page.GetByLabel("Public key (a JWK with a kid)").FillAsync(JsonSerializer.Serialize(PublicJwk("k-new")));
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

    private static object PublicJwk(string kid)
    {
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var p = key.ExportParameters(includePrivateParameters: false);
        static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return new { kty = "EC", crv = "P-256", kid, use = "sig", alg = "ES256", x = B64(p.Q.X!), y = B64(p.Q.Y!) };
    }

    /// <summary>The kids of the client's jwks, as the admin API publishes it.</summary>
    private async Task<string[]> PublishedKidsAsync(string clientId)
    {
        using var response = await AdminAsync(HttpMethod.Get, $"/admin/clients/{clientId}");
        var client = (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("client");
        return [.. client.GetProperty("jwks").GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!)];
    }

    [Fact]
    public async Task Administrator_CreatesAClient_SeeingTheApisMessageForABadValueAndTheSecretOnce()
    {
        var name = $"Created {Guid.NewGuid():N}"[..20];
        var page = await platform.NewPageAsync();
        await SignInAsync(page, platform.AdminSecret);

        await page.GetByRole(AriaRole.Button, new() { Name = "New client" }).ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("Redirect URIs", new() { Exact = true }).FillAsync("http://not-loopback.example.com/cb");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        using (var refused = await AdminAsync(HttpMethod.Post, "/admin/clients", new { client_name = name, redirect_uris = new[] { "http://not-loopback.example.com/cb" } }))
            await Expect(page.Locator("#form-error")).ToHaveTextAsync((await refused.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("detail").GetString()!);

        await page.GetByLabel("Redirect URIs", new() { Exact = true }).FillAsync("https://created.example.com/cb");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 2 })).ToBeVisibleAsync();
        await Expect(page.Locator("#new-secret")).Not.ToBeEmptyAsync();
        var clientId = await page.Locator("[data-field=client_id]").TextContentAsync();
        using var stored = await AdminAsync(HttpMethod.Get, $"/admin/clients/{clientId}");
        Assert.Equal(name, (await stored.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("client").GetProperty("client_name").GetString());
    }

    [Fact]
    public async Task ReadOnlyKey_SeesClients_ButNoButtonThatChangesThem()
    {
        var name = $"Read only {Guid.NewGuid():N}"[..22];
        await RegisterAsync(name);
        var key = await CreateKeyAsync("reader", "clients:read");
        var page = await platform.NewPageAsync();
        await SignInAsync(page, key);

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

        await SignInAsync(page, platform.AdminSecret, navigate: false);
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
        var first = await RegisterAsync($"Bulk {tag} one");
        var second = await RegisterAsync($"Bulk {tag} two");
        var page = await platform.NewPageAsync();
        await SignInAsync(page, platform.AdminSecret);
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
            using var gone = await AdminAsync(HttpMethod.Get, $"/admin/clients/{id}");
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }
    }

    [Fact]
    public async Task AdminKeys_AreCreatedWithScopes_ShownOnce_AndRevoked()
    {
        var name = $"ci-{Guid.NewGuid():N}"[..12];
        var page = await platform.NewPageAsync();
        await SignInAsync(page, platform.AdminSecret);
        await page.GetByRole(AriaRole.Button, new() { Name = "Admin keys" }).ClickAsync();

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("clients:read").CheckAsync();
        await page.GetByLabel("audit:read").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        await Expect(page.Locator("#status")).ToContainTextAsync("Created key");
        var key = await page.Locator("#new-secret").TextContentAsync();
        var row = page.Locator("#keys tbody tr", new() { HasText = name });
        await Expect(row).ToContainTextAsync("clients:read audit:read");
        using (var works = await AdminAsync(HttpMethod.Get, "/admin/audit?limit=1", credential: key))
            Assert.Equal(HttpStatusCode.OK, works.StatusCode);

        await row.GetByRole(AriaRole.Button, new() { Name = $"Revoke {name}" }).ClickAsync();
        await page.Locator("#confirm-yes").ClickAsync();
        await Expect(row).ToContainTextAsync("revoked");
        using var refused = await AdminAsync(HttpMethod.Get, "/admin/audit?limit=1", credential: key);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    private static async Task SignInAsync(IPage page, string key, bool navigate = true)
    {
        if (navigate)
            await page.GotoAsync("/admin/console");
        await page.GetByLabel("Admin API key").FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Clients", Level = 2 })).ToBeVisibleAsync();
    }

    private sealed record Registered(string Id, string Token, string? Secret);

    /// <summary>A client registered as applications do (RFC 7591), with its registration access token.</summary>
    private async Task<Registered> RegisterAsync(string name)
    {
        using var response = await platform.Gateway.PostAsJsonAsync("/register", new { client_name = name, redirect_uris = new[] { "https://console.example.com/cb" } }, Cancel);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        return new(body.GetProperty("client_id").GetString()!, body.GetProperty("registration_access_token").GetString()!,
            body.TryGetProperty("client_secret", out var secret) ? secret.GetString() : null);
    }

    /// <summary>The client's own RFC 7592 update, with its token.</summary>
    private async Task<HttpResponseMessage> SelfUpdateAsync(Registered client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/register/{client.Id}")
        {
            Content = JsonContent.Create(new { client_id = client.Id, redirect_uris = new[] { "https://console.example.com/cb" }, client_name = "self" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", client.Token);
        return await platform.Gateway.SendAsync(request, Cancel);
    }

    private async Task<HttpResponseMessage> AdminAsync(HttpMethod method, string path, object? body = null, string? credential = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential ?? platform.AdminSecret);
        return await platform.Gateway.SendAsync(request, Cancel);
    }

    /// <summary>What an authorization server asks of the admin API: is this the client's secret?</summary>
    private async Task<bool> VerifiesAsync(string clientId, string secret)
    {
        using var response = await AdminAsync(HttpMethod.Post, $"/admin/clients/{clientId}/verify-secret", new { client_secret = secret });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("valid").GetBoolean();
    }

    /// <summary>What the admin API itself answers to this change (a refusal, so nothing changes).</summary>
    private async Task<string> AdminProblemAsync(string clientId, object change)
    {
        using var response = await AdminAsync(HttpMethod.Put, $"/admin/clients/{clientId}", change);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("detail").GetString()!;
    }

    private async Task<string> CreateKeyAsync(string name, params string[] scopes)
    {
        using var response = await AdminAsync(HttpMethod.Post, "/admin/keys", new { name, scopes });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("key").GetString()!;
    }
}
