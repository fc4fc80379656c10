using k8s.Models;

namespace ClientPlatform.Deployment.Tests;

/// <summary>A Deployment, StatefulSet or Job, seen through its pod template.</summary>
internal sealed record Workload(string Kind, string Name, V1PodTemplateSpec Template)
{
    public V1PodSpec Pod => Template.Spec;

    public IReadOnlyDictionary<string, string> Labels => new Dictionary<string, string>(Template.Metadata.Labels);

    public IEnumerable<V1Container> AllContainers => (Pod.InitContainers ?? []).Concat(Pod.Containers);

    public bool RunsOurImage => AllContainers.Any(c => Images.IsOurs(c.Image));

    public V1Container Container(string containerName) => Pod.Containers.Single(c => c.Name == containerName);

    /// <summary>A named container port (probes and Services may name it) as its number.</summary>
    public int ResolvePort(V1Container container, IntOrString port) =>
        int.TryParse(port.Value, out var number)
            ? number
            : container.Ports?.SingleOrDefault(p => p.Name == port.Value)?.ContainerPort
              ?? throw new Xunit.Sdk.XunitException($"{Name}/{container.Name} has no port named '{port.Value}'.");

    public override string ToString() => $"{Kind}/{Name}";
}
