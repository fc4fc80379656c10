using ClientPlatform.Testing;
using Microsoft.Playwright;

namespace ClientPlatform.Console.Tests;

/// <summary>
/// The whole platform and one headless Chromium (Debian's, found on PATH), started once for the run; each test
/// opens its own browser context, so nothing a test signs in with is seen by another.
/// </summary>
public sealed class ConsoleBrowser() : PlatformFixture(new Dictionary<string, string?>
{
    [AppHost.AppHostSettings.ServiceSetting("RateLimits:Enabled")] = "false",
    // The lifecycle page's subject (LifecycleTests): an administrator's client marked lifecycle_managed expires if unused for
    // 2 s. No other test marks one; the scheduled reaper is kept out of the run, the page reaps on request.
    [AppHost.AppHostSettings.ServiceSetting("Lifecycle:Sources:admin:NeverUsedFor")] = LifecycleTests.NeverUsedFor.ToString(),
    [AppHost.AppHostSettings.ServiceSetting("Lifecycle:UseWriteWindow")] = "00:00:00.5",
    [AppHost.AppHostSettings.ServiceSetting("Lifecycle:ReapInterval")] = "1.00:00:00",
})
{
    /// <summary>The flags Debian's Chromium needs here: no sandbox (root), no GPU, no network of its own.</summary>
    private static readonly string[] HeadlessFlags =
        ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where the screenshots named in Admin.Api/README.md are saved.</summary>
    public static string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var chromium = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(dir => Path.Combine(dir, "chromium")).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("chromium is not on PATH: apt-get install chromium (test.sh installs it).");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = chromium, Headless = true, Args = HeadlessFlags });
        Directory.CreateDirectory(Screenshots);
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Gateway.BaseAddress!.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Permissions = ["clipboard-read", "clipboard-write"],
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        _playwright?.Dispose();
        await base.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleBrowser>
{
    public const string Name = "console";
}
