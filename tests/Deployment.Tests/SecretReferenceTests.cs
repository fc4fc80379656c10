using System.Text;
using k8s.Models;

namespace ClientPlatform.Deployment.Tests;

/// <summary>
/// Secrets are read by reference only: every secretKeyRef names a key the dev Secret has (a missing one would
/// stop the pod with CreateContainerConfigError), prod expects the same keys from the operator, and no secret
/// value is in the base or the prod overlay.
/// </summary>
public sealed class SecretReferenceTests
{
    private static readonly (string Service, string Variable)[] Expected =
    [
        ("registration-api", "ConnectionStrings__clientsdb"), ("registration-api", "ConnectionStrings__cache"),
        ("audit-worker", "AuditChain__Keys__k8s-1"), ("migrate", "Database__ApiRolePassword"), ("migrate", "Database__AuditWorkerRolePassword"),
        ("registration-api", "ConnectionStrings__messaging"),
        ("admin-api", "ConnectionStrings__clientsdb"), ("admin-api", "ConnectionStrings__cache"),
        ("admin-api", "ConnectionStrings__messaging"), ("admin-api", "ADMIN_API_SECRET"),
        ("audit-worker", "ConnectionStrings__clientsdb"), ("audit-worker", "ConnectionStrings__messaging"),
        ("migrate", "ConnectionStrings__clientsdb"),
    ];

    [Fact]
    public void Dev_EverySecretKeyRef_NamesAKeyOfARenderedSecret()
    {
        var rendered = Overlays.Get(Overlays.Dev);
        var references = SecretKeyRefs(rendered).ToList();

        Assert.NotEmpty(references);
        Assert.All(references, r =>
        {
            var secret = rendered.Named<V1Secret>(r.Secret);
            Assert.True(secret.Data?.ContainsKey(r.Key) == true || secret.StringData?.ContainsKey(r.Key) == true,
                $"{r.Workload}: {r.Variable} reads key '{r.Key}', which Secret {r.Secret} does not have");
        });
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void Services_Configuration_SensitiveValuesComeFromTheSecretOnly(string overlay)
    {
        var rendered = Overlays.Get(overlay);

        Assert.All(Expected, expected =>
        {
            var variable = Assert.Single(rendered.Workload(expected.Service).Container(expected.Service).Env, e => e.Name == expected.Variable);
            Assert.Null(variable.Value);
            Assert.NotNull(variable.ValueFrom?.SecretKeyRef);
        });
        // Only the admin API holds the admin secret: never the internet-facing API (issue 31), the worker or the gateway.
        Assert.DoesNotContain(rendered.Workload("registration-api").Container("registration-api").Env, e => e.Name == "ADMIN_API_SECRET");
        Assert.DoesNotContain(rendered.Workload("audit-worker").Container("audit-worker").Env, e => e.Name == "ADMIN_API_SECRET");
        Assert.DoesNotContain(rendered.Workload("gateway").Container("gateway").Env ?? [], e => e.ValueFrom?.SecretKeyRef is not null);
    }

    [Fact]
    public void Prod_Secret_IsTheOperatorsWithTheKeysDevGenerates()
    {
        var prod = Overlays.Get(Overlays.Prod);
        var dev = Overlays.Get(Overlays.Dev);

        Assert.Empty(prod.All<V1Secret>());
        var prodRefs = SecretKeyRefs(prod).ToList();
        Assert.All(prodRefs, r => Assert.Equal("clientplatform", r.Secret));
        // Dev's generated name carries kustomize's hash suffix; the keys are what must agree.
        var devKeys = SecretKeyRefs(dev).Where(r => r.Secret.StartsWith("clientplatform-", StringComparison.Ordinal)).Select(r => r.Key).ToHashSet();
        Assert.Equal(devKeys.Order(), prodRefs.Select(r => r.Key).Distinct().Order());
    }

    [Fact]
    public void Dev_Overlay_CommitsNoSecretValue()
    {
        // Issue 31: the values are random, written on this machine by secrets.sh into git-ignored files.
        var kustomization = File.ReadAllText(RepositoryRoot.Combine("deploy", "k8s", "overlays", "dev", "kustomization.yaml"));
        var secrets = kustomization[kustomization.IndexOf("\nsecretGenerator:", StringComparison.Ordinal)..];
        secrets = secrets[..secrets.IndexOf("\n\n", StringComparison.Ordinal)];
        Assert.DoesNotContain("literals", secrets);
        Assert.Contains("envs:", secrets);
        Assert.DoesNotContain("password=", kustomization, StringComparison.OrdinalIgnoreCase);
        var ignored = ExternalTool.Run("git", "", ["-C", RepositoryRoot.Combine(), "check-ignore", "deploy/k8s/overlays/dev/secrets/clientplatform.env"]);
        Assert.Equal(0, ignored.ExitCode);
    }

    [Fact]
    public void Dev_ConnectionStrings_NameTheInClusterServersWithTheirPasswords()
    {
        var rendered = Overlays.Get(Overlays.Dev);
        var app = rendered.All<V1Secret>().Single(s => s.Metadata.Name.StartsWith("clientplatform-", StringComparison.Ordinal) && s.Type != "kubernetes.io/tls");
        var servers = rendered.All<V1Secret>().Single(s => s.Metadata.Name.StartsWith("data-services-", StringComparison.Ordinal));
        string Value(V1Secret secret, string key) => Encoding.UTF8.GetString(secret.Data[key]);

        Assert.Contains("Host=postgres;Port=5432;", Value(app, "clientsdb-connection-string"));
        Assert.Contains($"Password={Value(servers, "postgres-password")}", Value(app, "clientsdb-connection-string"));
        Assert.StartsWith("redis:6379,", Value(app, "cache-connection-string"));
        Assert.Contains($"password={Value(servers, "redis-password")}", Value(app, "cache-connection-string"));
        // Issue 31: each service its own broker user, with the password the broker's init container writes it with.
        Assert.All((string[])["registration-api", "admin-api", "audit-worker"], service => Assert.Equal(
            $"amqp://{service}:{Value(servers, $"rabbitmq-{service}-password")}@rabbitmq:5672/", Value(app, $"{service}-messaging-connection-string")));
        Assert.DoesNotContain(app.Data.Values.Select(Encoding.UTF8.GetString), v => v.Contains(Value(servers, "rabbitmq-password"), StringComparison.Ordinal));
        Assert.True(Value(app, "admin-api-secret").Length >= 32);
        Assert.All((string[])["postgres", "redis", "rabbitmq"], name => Assert.NotNull(rendered.Named<V1Service>(name)));
    }

    /// <summary>TLS ends at the gateway (RFC 7591 §5): its certificate is a TLS Secret, mounted read-only, readable by its group only.</summary>
    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void Gateway_Certificate_IsTheTlsSecretMountedReadOnly(string overlay)
    {
        var rendered = Overlays.Get(overlay);
        var workload = rendered.Workload("gateway");
        var container = workload.Container("gateway");

        var volume = Assert.Single(workload.Pod.Volumes, v => v.Secret is not null);
        var mount = Assert.Single(container.VolumeMounts, m => m.Name == volume.Name);
        Assert.Equal("/run/secrets/tls", mount.MountPath);
        Assert.True(mount.ReadOnlyProperty);
        Assert.Equal(0b100_100_000, volume.Secret.DefaultMode);
        Assert.Equal("/run/secrets/tls/tls.crt", container.Env.Single(e => e.Name == "Kestrel__Certificates__Default__Path").Value);
        Assert.Equal("/run/secrets/tls/tls.key", container.Env.Single(e => e.Name == "Kestrel__Certificates__Default__KeyPath").Value);
        if (overlay == Overlays.Dev)
        {
            // Made by secrets.sh: a TLS Secret whose certificate and key belong together.
            var secret = rendered.All<V1Secret>().Single(s => s.Metadata.Name == volume.Secret.SecretName);
            Assert.Equal("kubernetes.io/tls", secret.Type);
            using var certificate = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(
                Encoding.UTF8.GetString(secret.Data["tls.crt"]), Encoding.UTF8.GetString(secret.Data["tls.key"]));
            Assert.True(certificate.HasPrivateKey);
        }
        else
            Assert.Equal("clientplatform-tls", volume.Secret.SecretName);
    }

    private sealed record SecretRef(string Workload, string Variable, string Secret, string Key);

    private static IEnumerable<SecretRef> SecretKeyRefs(RenderedOverlay rendered) =>
        from workload in rendered.Workloads
        from container in workload.AllContainers
        from variable in container.Env ?? []
        where variable.ValueFrom?.SecretKeyRef is not null
        select new SecretRef($"{workload}/{container.Name}", variable.Name, variable.ValueFrom.SecretKeyRef.Name, variable.ValueFrom.SecretKeyRef.Key);
}
