using k8s;
using k8s.Models;

namespace ClientPlatform.Deployment.Tests;

/// <summary>One overlay's objects, with the look-ups the tests share.</summary>
internal sealed class RenderedOverlay(string name, string yaml, IReadOnlyList<IKubernetesObject> objects)
{
    public string Name { get; } = name;
    public string Yaml { get; } = yaml;
    public IReadOnlyList<IKubernetesObject> Objects { get; } = objects;

    public IEnumerable<T> All<T>() => Objects.OfType<T>();

    public T Named<T>(string objectName) where T : IKubernetesObject<V1ObjectMeta>
    {
        var found = All<T>().Where(o => o.Metadata.Name == objectName).ToList();
        Assert.True(found.Count == 1, $"{Name}: expected one {typeof(T).Name} named '{objectName}', found {found.Count}.");
        return found[0];
    }

    public V1Namespace Namespace => All<V1Namespace>().Single();

    /// <summary>Labels a NetworkPolicy namespaceSelector sees on this namespace (the API server adds the name label).</summary>
    public IReadOnlyDictionary<string, string> NamespaceLabels =>
        new Dictionary<string, string>(Namespace.Metadata.Labels ?? new Dictionary<string, string>())
        {
            ["kubernetes.io/metadata.name"] = Namespace.Metadata.Name,
        };

    /// <summary>Everything that runs pods. A kind this list misses (DaemonSet, CronJob) fails here rather than going unchecked.</summary>
    public IReadOnlyList<Workload> Workloads
    {
        get
        {
            var unknown = Objects.Where(o => o.Kind is "DaemonSet" or "CronJob" or "ReplicaSet" or "Pod").Select(o => o.Kind).ToList();
            Assert.True(unknown.Count == 0, $"{Name}: workload kinds the tests do not check: {string.Join(", ", unknown)}");
            return
            [
                .. All<V1Deployment>().Select(d => new Workload("Deployment", d.Metadata.Name, d.Spec.Template)),
                .. All<V1StatefulSet>().Select(s => new Workload("StatefulSet", s.Metadata.Name, s.Spec.Template)),
                .. All<V1Job>().Select(j => new Workload("Job", j.Metadata.Name, j.Spec.Template)),
            ];
        }
    }

    public Workload Workload(string workloadName)
    {
        var found = Workloads.Where(w => w.Name == workloadName).ToList();
        Assert.True(found.Count == 1, $"{Name}: expected one workload named '{workloadName}', found {found.Count}.");
        return found[0];
    }
}
