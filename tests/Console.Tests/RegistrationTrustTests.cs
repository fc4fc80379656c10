using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClientPlatform.Console.Tests;

/// <summary>
/// Issue 34: who may register, managed in the console — initial access tokens (issued once, revoked) and trusted
/// software statement issuers (a public key trusted, a private one refused, trust withdrawn).
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class RegistrationTrustTests(ConsoleBrowser platform)
{
    private readonly ConsoleSteps _console = new(platform);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Administrator_IssuesAnInitialAccessToken_SeesItOnce_AndRevokesIt()
    {
        var name = $"Partner onboarding {Guid.NewGuid():N}"[..28];
        var page = await platform.NewPageAsync();
        await ConsoleSteps.SignInAsync(page, platform.AdminSecret);
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
        using var listed = await _console.AdminAsync(HttpMethod.Get, "/admin/initial-access-tokens");
        var tokens = (await listed.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("initial_access_tokens");
        var issued = tokens.EnumerateArray().Single(t => t.GetProperty("name").GetString() == name);
        Assert.Equal(("revoked", 2, 86_400_000d), (issued.GetProperty("status").GetString(), issued.GetProperty("max_uses").GetInt32(),
            Math.Round((issued.GetProperty("expires_at").GetInt64() - issued.GetProperty("created_at").GetInt64()) / 1000d) * 1000));
    }

    [Fact]
    public async Task Administrator_TrustsAStatementIssuer_ButNotWithAPrivateKey_ThenStopsTrustingIt()
    {
        var iss = $"https://issuer-{Guid.NewGuid():N}.example.com";
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var p = key.ExportParameters(includePrivateParameters: true);
        var publicJwks = $$"""{"keys":[{"kty":"EC","crv":"P-256","x":"{{ConsoleSteps.Base64Url(p.Q.X!)}}","y":"{{ConsoleSteps.Base64Url(p.Q.Y!)}}"}]}""";
        var privateJwks = $$"""{"keys":[{"kty":"EC","crv":"P-256","x":"{{ConsoleSteps.Base64Url(p.Q.X!)}}","y":"{{ConsoleSteps.Base64Url(p.Q.Y!)}}","d":"{{ConsoleSteps.Base64Url(p.D!)}}"}]}""";
        var page = await platform.NewPageAsync();
        await ConsoleSteps.SignInAsync(page, platform.AdminSecret);
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
        using var listed = await _console.AdminAsync(HttpMethod.Get, "/admin/software-statement-issuers");
        Assert.DoesNotContain(iss, await listed.Content.ReadAsStringAsync(Cancel));
    }
}
