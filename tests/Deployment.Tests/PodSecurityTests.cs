using k8s.Models;

namespace ClientPlatform.Deployment.Tests;

/// <summary>
/// No container of ours runs as root or can become it, and none writes outside /tmp: the images run as app
/// (1654) and need nothing more. The namespace enforces the "restricted" Pod Security Standard, so every pod
/// (the dev data services too) has to meet it.
/// </summary>
public sealed class PodSecurityTests
{
    private const long AppUser = 1654;

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void OurContainers_InEveryWorkload_RunAsAppOnAReadOnlyRoot(string overlay)
    {
        var ours = Overlays.Get(overlay).Workloads.SelectMany(w => w.AllContainers.Where(c => Images.IsOurs(c.Image)).Select(c => (w, c))).ToList();

        Assert.NotEmpty(ours);
        Assert.All(ours, pair =>
        {
            var (workload, container) = pair;
            var pod = workload.Pod.SecurityContext;
            var own = container.SecurityContext;
            var where = $"{workload}/{container.Name}";
            Assert.True((own?.RunAsNonRoot ?? pod?.RunAsNonRoot) == true, $"{where}: runAsNonRoot");
            Assert.True((own?.RunAsUser ?? pod?.RunAsUser) == AppUser, $"{where}: runAsUser {own?.RunAsUser ?? pod?.RunAsUser}");
            Assert.True((own?.RunAsGroup ?? pod?.RunAsGroup) == AppUser, $"{where}: runAsGroup");
            Assert.True(own?.ReadOnlyRootFilesystem == true, $"{where}: readOnlyRootFilesystem");
            // The one writable place the images need: /tmp, from an emptyDir.
            var tmp = Assert.Single(container.VolumeMounts ?? [], m => m.MountPath == "/tmp");
            Assert.NotNull(Assert.Single(workload.Pod.Volumes, v => v.Name == tmp.Name).EmptyDir);
        });
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void EveryContainer_InEveryWorkload_MeetsTheRestrictedStandard(string overlay)
    {
        var rendered = Overlays.Get(overlay);
        Assert.Equal("restricted", rendered.Namespace.Metadata.Labels["pod-security.kubernetes.io/enforce"]);

        Assert.All(rendered.Workloads.SelectMany(w => w.AllContainers.Select(c => (w, c))), pair =>
        {
            var (workload, container) = pair;
            var pod = workload.Pod.SecurityContext;
            var own = container.SecurityContext;
            var where = $"{workload}/{container.Name}";
            Assert.True((own?.RunAsNonRoot ?? pod?.RunAsNonRoot) == true, $"{where}: runAsNonRoot");
            Assert.True((own?.RunAsUser ?? pod?.RunAsUser) is not 0, $"{where}: runs as uid 0");
            Assert.True(own?.AllowPrivilegeEscalation == false, $"{where}: allowPrivilegeEscalation");
            Assert.True(own?.Capabilities?.Drop?.Contains("ALL") == true, $"{where}: capabilities drop ALL");
            Assert.True(own?.Capabilities?.Add is null or { Count: 0 }, $"{where}: adds capabilities");
            Assert.True(own?.Privileged is null or false, $"{where}: privileged");
            Assert.Equal("RuntimeDefault", (own?.SeccompProfile ?? pod?.SeccompProfile)?.Type);
        });
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void EveryPod_MountsNoServiceAccountTokenAndNoHostResource(string overlay)
    {
        Assert.All(Overlays.Get(overlay).Workloads, workload =>
        {
            Assert.False(workload.Pod.AutomountServiceAccountToken ?? true, $"{workload} mounts a service account token");
            Assert.True(workload.Pod.HostNetwork is null or false && workload.Pod.HostPID is null or false && workload.Pod.HostIPC is null or false,
                $"{workload} shares a host namespace");
            Assert.All(workload.Pod.Volumes ?? [], v => Assert.Null(v.HostPath));
        });
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void EveryContainer_Resources_HaveRequestsWithinLimits(string overlay)
    {
        // Requests let the scheduler place pods and the HPAs measure CPU; limits keep one pod from starving a node.
        Assert.All(Overlays.Get(overlay).Workloads.SelectMany(w => w.AllContainers.Select(c => (w, c))), pair =>
        {
            var (workload, container) = pair;
            foreach (var resource in (string[])["cpu", "memory"])
            {
                Assert.True(container.Resources?.Requests?.ContainsKey(resource) == true, $"{workload}/{container.Name}: no {resource} request");
                Assert.True(container.Resources?.Limits?.ContainsKey(resource) == true, $"{workload}/{container.Name}: no {resource} limit");
                Assert.True(container.Resources.Requests[resource].ToDecimal() <= container.Resources.Limits[resource].ToDecimal(),
                    $"{workload}/{container.Name}: {resource} request above its limit");
            }
        });
    }
}
