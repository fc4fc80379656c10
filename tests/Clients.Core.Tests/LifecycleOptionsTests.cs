using System.ComponentModel.DataAnnotations;
using ClientPlatform.Clients.Core;
using ClientPlatform.Clients.Core.Lifecycle;

namespace ClientPlatform.Clients.Core.Tests;

/// <summary>
/// Issue 34: the lifecycle settings an operator writes, checked at start-up (the services refuse to start with the message),
/// and what a rule announces to a client as its secret's end (RFC 7591 §3.2.1).
/// </summary>
public sealed class LifecycleOptionsTests
{
    [Fact]
    public void ARuleForAnUnknownSource_IsRefused_NamingTheSources_AndOneForAdmin_IsAccepted()
    {
        var unknown = new LifecycleOptions { Sources = { ["robots"] = new SourceLifecycle { NeverUsedFor = TimeSpan.FromDays(30) } } };
        var admin = new LifecycleOptions { Sources = { ["admin"] = new SourceLifecycle { NeverUsedFor = TimeSpan.FromDays(30) } } };

        Assert.Equal(["Lifecycle:Sources:robots: no such source; a rule applies to one of dynamic, initial_access_token, software_statement, admin (the rule for admin only to the clients an administrator marked lifecycle_managed)"],
            Problems(unknown));
        Assert.Empty(Problems(admin));
    }

    [Fact]
    public void ARuleShorterThanFourUseWindows_IsRefused_ForAClientInUseWouldLookIdle()
    {
        var options = new LifecycleOptions
        {
            UseWriteWindow = TimeSpan.FromMinutes(1),
            Sources = { [ClientSources.Dynamic] = new SourceLifecycle { InactiveFor = TimeSpan.FromMinutes(3) } },
        };

        var problem = Assert.Single(Problems(options));

        Assert.StartsWith("Lifecycle:Sources:dynamic:InactiveFor must be from four times Lifecycle:UseWriteWindow (00:04:00)", problem);
    }

    [Fact]
    public void NoRule_NothingExpires_AndNothingIsAnnounced()
    {
        var lifecycle = new ClientLifecycle(new LifecycleOptions());
        var now = DateTimeOffset.UnixEpoch;

        Assert.False(lifecycle.Enabled);
        Assert.Null(lifecycle.ExpiresIfUnused(Made(ClientSources.Dynamic, now)));
        Assert.Null(lifecycle.ExpiresIfIdleAfter(Made(ClientSources.Dynamic, now), now));
    }

    [Fact]
    public void ARule_AnnouncesTheSoonerOfItsTimesToANewClient_AndTheIdleTimeAfterAUse_ButNothingForAnUnmarkedAdministratorsClient()
    {
        var rule = new SourceLifecycle { NeverUsedFor = TimeSpan.FromDays(1), InactiveFor = TimeSpan.FromDays(7) };
        var lifecycle = new ClientLifecycle(new LifecycleOptions { Sources = { [ClientSources.Dynamic] = rule, [ClientSources.Admin] = rule } });
        var registered = new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
        var used = registered.AddHours(5);
        var marked = Made(ClientSources.Admin, registered);
        marked.LifecycleManaged = true;

        Assert.Equal(registered.AddDays(1), lifecycle.ExpiresIfUnused(Made(ClientSources.Dynamic, registered)));
        Assert.Equal(used.AddDays(7), lifecycle.ExpiresIfIdleAfter(Made(ClientSources.Dynamic, registered), used));
        Assert.Null(lifecycle.ExpiresIfUnused(Made(ClientSources.Admin, registered)));
        Assert.Null(lifecycle.ExpiresIfIdleAfter(Made(ClientSources.Admin, registered), used));
        Assert.Equal(registered.AddDays(1), lifecycle.ExpiresIfUnused(marked));
        Assert.Null(lifecycle.ExpiresIfUnused(Made(ClientSources.SoftwareStatement, registered)));
    }

    private static Client Made(string source, DateTimeOffset at) =>
        new() { ClientId = "c", TokenEndpointAuthMethod = "none", Source = source, CreatedAt = at };

    private static List<string> Problems(LifecycleOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return [.. results.Select(r => r.ErrorMessage!)];
    }
}
