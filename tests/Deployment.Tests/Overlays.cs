using k8s;

namespace ClientPlatform.Deployment.Tests;

/// <summary>
/// deploy/k8s/overlays/dev and prod, each rendered once by `kubectl kustomize` (what `kubectl apply -k` sends)
/// and loaded strictly: a field the API does not know, or misspelt, fails the load instead of being dropped.
/// </summary>
internal static class Overlays
{
    public const string Dev = "dev";
    public const string Prod = "prod";

    private const string KubectlHint =
        "Install kubectl 1.27 or later (it carries kustomize), e.g. the Debian package 'kubectl' this machine kind ships with.";

    private static readonly Dictionary<string, Lazy<RenderedOverlay>> Rendered = new()
    {
        [Dev] = new(() => Render(Dev)),
        [Prod] = new(() => Render(Prod)),
    };

    /// <summary>Theory data: every overlay.</summary>
    public static TheoryData<string> All => new(Dev, Prod);

    public static RenderedOverlay Get(string overlay) => Rendered[overlay].Value;

    public static string Kustomize(string folder)
    {
        var result = ExternalTool.Run("kubectl", KubectlHint, ["kustomize", folder]);
        if (result.ExitCode != 0)
            throw new Xunit.Sdk.XunitException($"kubectl kustomize {folder} exited {result.ExitCode}:\n{result.Error}");
        return result.Output;
    }

    /// <summary>Every document as its typed model (V1Deployment, V2HorizontalPodAutoscaler, …); strict: no unknown field.</summary>
    public static IReadOnlyList<IKubernetesObject> LoadStrictly(string yaml) =>
        KubernetesYaml.LoadAllFromString(yaml, typeMap: null, strict: true).Cast<IKubernetesObject>().ToList();

    private static RenderedOverlay Render(string overlay)
    {
        // The dev overlay's Secrets come from files of random values its own script writes (none is committed).
        if (overlay == Dev)
        {
            var written = ExternalTool.Run(RepositoryRoot.Combine("deploy", "k8s", "overlays", "dev", "secrets.sh"), "", []);
            if (written.ExitCode != 0)
                throw new Xunit.Sdk.XunitException($"deploy/k8s/overlays/dev/secrets.sh exited {written.ExitCode}:\n{written.Error}");
        }
        var yaml = Kustomize(RepositoryRoot.Combine("deploy", "k8s", "overlays", overlay));
        return new RenderedOverlay(overlay, yaml, LoadStrictly(yaml));
    }
}
