using k8s.Models;

namespace ClientPlatform.Deployment.Tests;

/// <summary>Public registration and administration scale apart, each on its own CPU, and the gateway on its own too.</summary>
public sealed class AutoscalingTests
{
    public static TheoryData<string, string> ScaledDeployments => new()
    {
        { Overlays.Dev, "gateway" }, { Overlays.Dev, "registration-api" }, { Overlays.Dev, "admin-api" },
        { Overlays.Prod, "gateway" }, { Overlays.Prod, "registration-api" }, { Overlays.Prod, "admin-api" },
    };

    [Theory]
    [MemberData(nameof(ScaledDeployments))]
    public void Deployment_Scaled_HasExactlyOneHpaOnCpuTargetingIt(string overlay, string deployment)
    {
        var rendered = Overlays.Get(overlay);

        var hpa = Assert.Single(HpasOf(rendered, deployment));
        Assert.Equal("apps/v1", hpa.Spec.ScaleTargetRef.ApiVersion);
        Assert.NotNull(rendered.Named<V1Deployment>(deployment));
        var metric = Assert.Single(hpa.Spec.Metrics);
        Assert.Equal("cpu", metric.Resource.Name);
        Assert.Equal("Utilization", metric.Resource.Target.Type);
        Assert.InRange(hpa.Spec.MinReplicas ?? 1, 1, hpa.Spec.MaxReplicas);
    }

    [Theory]
    [MemberData(nameof(ScaledDeployments))]
    public void Deployment_Scaled_LeavesTheReplicaCountToItsHpa(string overlay, string deployment)
    {
        // A `replicas:` in the manifest would reset the HPA's count on every apply.
        Assert.Null(Overlays.Get(overlay).Named<V1Deployment>(deployment).Spec.Replicas);
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void RegistrationAndAdmin_Hpas_AreSeparateWithTheirOwnBounds(string overlay)
    {
        var rendered = Overlays.Get(overlay);
        var registration = Assert.Single(HpasOf(rendered, "registration-api"));
        var admin = Assert.Single(HpasOf(rendered, "admin-api"));

        Assert.NotEqual(registration.Metadata.Name, admin.Metadata.Name);
        Assert.NotEqual((registration.Spec.MinReplicas, registration.Spec.MaxReplicas), (admin.Spec.MinReplicas, admin.Spec.MaxReplicas));
    }

    [Fact]
    public void Prod_RegistrationHpa_ScalesFurtherThanAdmin()
    {
        var rendered = Overlays.Get(Overlays.Prod);
        var registration = Assert.Single(HpasOf(rendered, "registration-api"));
        var admin = Assert.Single(HpasOf(rendered, "admin-api"));

        Assert.True(registration.Spec.MaxReplicas > admin.Spec.MaxReplicas,
            $"registration max {registration.Spec.MaxReplicas} should exceed admin max {admin.Spec.MaxReplicas}");
        // Survives a node's loss and a rollout with the public API still served twice over.
        Assert.True(registration.Spec.MinReplicas >= 3);
    }

    [Theory]
    [InlineData("gateway")]
    [InlineData("registration-api")]
    [InlineData("admin-api")]
    public void Dev_Hpa_IsNoLargerThanProd(string deployment)
    {
        var dev = Assert.Single(HpasOf(Overlays.Get(Overlays.Dev), deployment));
        var prod = Assert.Single(HpasOf(Overlays.Get(Overlays.Prod), deployment));

        Assert.True(dev.Spec.MaxReplicas <= prod.Spec.MaxReplicas && dev.Spec.MinReplicas <= prod.Spec.MinReplicas);
    }

    private static IEnumerable<V2HorizontalPodAutoscaler> HpasOf(RenderedOverlay rendered, string deployment) =>
        rendered.All<V2HorizontalPodAutoscaler>().Where(h => h.Spec.ScaleTargetRef is { Kind: "Deployment" } target && target.Name == deployment);
}
