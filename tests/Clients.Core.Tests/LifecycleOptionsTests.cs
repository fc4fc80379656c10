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
    public void ARuleForAdministratorsClients_IsRefused_NamingTheSource()
    {
        var options = new LifecycleOptions { Sources = { ["admin"] = new SourceLifecycle { NeverUsedFor = TimeSpan.FromDays(30) } } };

        var problems = Problems(options);

        Assert.Equal(["Lifecycle:Sources:admin: no such source; a rule applies to one of dynamic, initial_access_token, software_statement (administrators' clients never expire)"], problems);
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
        Assert.Null(lifecycle.ExpiresIfUnused(ClientSources.Dynamic, now));
        Assert.Null(lifecycle.ExpiresIfIdleAfter(ClientSources.Dynamic, now));
    }

    [Fact]
    public void ARule_AnnouncesTheSoonerOfItsTimesToANewClient_AndTheIdleTimeAfterAUse_ButNothingForAnAdministratorsClient()
    {
        var lifecycle = new ClientLifecycle(new LifecycleOptions
        {
            Sources = { [ClientSources.Dynamic] = new SourceLifecycle { NeverUsedFor = TimeSpan.FromDays(1), InactiveFor = TimeSpan.FromDays(7) } },
        });
        var registered = new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
        var used = registered.AddHours(5);

        Assert.Equal(registered.AddDays(1), lifecycle.ExpiresIfUnused(ClientSources.Dynamic, registered));
        Assert.Equal(used.AddDays(7), lifecycle.ExpiresIfIdleAfter(ClientSources.Dynamic, used));
        Assert.Null(lifecycle.ExpiresIfUnused(ClientSources.Admin, registered));
        Assert.Null(lifecycle.ExpiresIfUnused(ClientSources.SoftwareStatement, registered));
    }

    private static List<string> Problems(LifecycleOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return [.. results.Select(r => r.ErrorMessage!)];
    }
}
