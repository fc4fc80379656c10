using k8s.Models;

namespace ClientPlatform.Deployment.Tests;

/// <summary>A drain or a cluster upgrade never takes every replica of an entry point at once, and never stalls.</summary>
public sealed class DisruptionBudgetTests
{
    public static TheoryData<string, string> Protected => new()
    {
        { Overlays.Dev, "gateway" }, { Overlays.Dev, "registration-api" }, { Overlays.Dev, "admin-api" }, { Overlays.Dev, "audit-worker" },
        { Overlays.Prod, "gateway" }, { Overlays.Prod, "registration-api" }, { Overlays.Prod, "admin-api" }, { Overlays.Prod, "audit-worker" },
    };

    [Theory]
    [MemberData(nameof(Protected))]
    public void Deployment_Protected_HasOnePdbThatStillLetsADrainThrough(string overlay, string deployment)
    {
        var rendered = Overlays.Get(overlay);
        var pods = rendered.Workload(deployment).Labels;

        var budget = Assert.Single(rendered.All<V1PodDisruptionBudget>(), b => b.Spec.Selector.Matches(pods));
        // maxUnavailable 1 holds at any replica count; a minAvailable equal to the count would block every drain.
        Assert.Null(budget.Spec.MinAvailable);
        Assert.Equal("1", budget.Spec.MaxUnavailable?.Value);
    }
}
