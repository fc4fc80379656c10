using k8s.Models;

namespace ClientPlatform.Deployment.Tests;

/// <summary>
/// Kubernetes asks the services the way the images answer: ready on GET /health (every dependency answers, the
/// schema is current), alive on GET /alive, both on 8080. Liveness must not be /health, or a database outage
/// would restart every pod.
/// </summary>
public sealed class ProbeTests
{
    public static TheoryData<string, string> Services => new()
    {
        { Overlays.Dev, "gateway" }, { Overlays.Dev, "registration-api" }, { Overlays.Dev, "admin-api" }, { Overlays.Dev, "audit-worker" },
        { Overlays.Prod, "gateway" }, { Overlays.Prod, "registration-api" }, { Overlays.Prod, "admin-api" }, { Overlays.Prod, "audit-worker" },
    };

    [Theory]
    [MemberData(nameof(Services))]
    public void Service_Probes_ReadinessIsHealthAndLivenessIsAliveOn8080(string overlay, string deployment)
    {
        var workload = Overlays.Get(overlay).Workload(deployment);
        var container = workload.Container(deployment);

        AssertHttpProbe(workload, container, container.ReadinessProbe, "/health");
        AssertHttpProbe(workload, container, container.LivenessProbe, "/alive");
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void EveryLongRunningContainer_Probes_AreSet(string overlay)
    {
        // The data services of dev too: a Service sends traffic only to ready pods.
        var containers = Overlays.Get(overlay).Workloads.Where(w => w.Kind != "Job").SelectMany(w => w.Pod.Containers.Select(c => (w, c)));

        Assert.All(containers, pair =>
        {
            Assert.True(pair.c.ReadinessProbe is not null, $"{pair.w}/{pair.c.Name} has no readiness probe");
            Assert.True(pair.c.LivenessProbe is not null, $"{pair.w}/{pair.c.Name} has no liveness probe");
        });
    }

    private static void AssertHttpProbe(Workload workload, V1Container container, V1Probe? probe, string path)
    {
        Assert.NotNull(probe);
        Assert.NotNull(probe.HttpGet);
        Assert.Equal(path, probe.HttpGet.Path);
        Assert.Equal(8080, workload.ResolvePort(container, probe.HttpGet.Port));
        Assert.True(probe.HttpGet.Scheme is null or "HTTP");
    }
}
