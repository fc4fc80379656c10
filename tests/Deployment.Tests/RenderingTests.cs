using k8s.Models;

namespace ClientPlatform.Deployment.Tests;

/// <summary>Both overlays build, and every object they build is one the API server would take field for field.</summary>
public sealed class RenderingTests
{
    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void Overlay_Rendered_EveryObjectLoadsStrictlyAsItsKubernetesType(string overlay)
    {
        var rendered = Overlays.Get(overlay);

        var documents = rendered.Yaml.Split("\n---\n").Length;
        Assert.Equal(documents, rendered.Objects.Count);
        Assert.All(rendered.Objects, o => Assert.Equal("k8s.Models", o.GetType().Namespace));
        // Only core kinds and the autoscaling, disruption and network APIs every cluster serves: no CRD is needed.
        Assert.All(rendered.Objects, o => Assert.Contains(o.Kind,
            (string[])["Namespace", "ServiceAccount", "ConfigMap", "Secret", "Service", "Deployment", "StatefulSet", "Job",
                "HorizontalPodAutoscaler", "PodDisruptionBudget", "NetworkPolicy"]));
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void Overlay_Rendered_PutsEveryObjectInItsOwnNamespace(string overlay)
    {
        var rendered = Overlays.Get(overlay);
        var name = rendered.Namespace.Metadata.Name;

        Assert.Equal(overlay == Overlays.Prod ? "clientplatform" : "clientplatform-dev", name);
        Assert.All(rendered.Objects.OfType<k8s.IKubernetesObject<V1ObjectMeta>>().Where(o => o.Kind != "Namespace"),
            o => Assert.Equal(name, o.Metadata.NamespaceProperty));
    }

    [Fact]
    public void StrictLoad_FieldWithATypo_IsRefused()
    {
        // The guard the other tests stand on: a misspelt field must fail the load, not vanish from it.
        const string yaml = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: typo
            spec:
              replica: 3
            """;

        Assert.ThrowsAny<Exception>(() => Overlays.LoadStrictly(yaml));
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void Images_Overlay_ComeFromItsRegistryAtTheReleaseTag(string overlay)
    {
        var registry = overlay == Overlays.Prod ? "registry.example.com" : "localhost:5000";
        var ours = Overlays.Get(overlay).Workloads.SelectMany(w => w.AllContainers).Select(c => c.Image).Where(Images.IsOurs).ToList();

        Assert.Equal(Images.Names.Order(), ours.Select(Images.NameOf).Distinct().Order());
        Assert.All(ours, image => Assert.Matches($"^{System.Text.RegularExpressions.Regex.Escape(registry)}/clientplatform/[a-z-]+:0\\.1\\.0$", image));
    }
}
