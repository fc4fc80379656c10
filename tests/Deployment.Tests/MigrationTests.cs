using k8s.Models;

namespace ClientPlatform.Deployment.Tests;

/// <summary>
/// The schema changes in one place: a Job running the migrator image. No service migrates, or has a mode that
/// would, so a rollout of many replicas never races to change the schema.
/// </summary>
public sealed class MigrationTests
{
    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void MigrationJob_RunsTheMigratorImage_FromTheServicesRegistryAndTag(string overlay)
    {
        var rendered = Overlays.Get(overlay);
        var job = Assert.Single(rendered.All<V1Job>());
        var container = Assert.Single(job.Spec.Template.Spec.Containers);

        // The registry and tag the services run: the schema matches their code.
        var admin = rendered.Named<V1Deployment>("admin-api").Spec.Template.Spec.Containers.Single().Image;
        Assert.Equal(admin.Replace("/clientplatform/admin-api:", "/clientplatform/migrator:", StringComparison.Ordinal), container.Image);
        Assert.Equal("migrator", Images.NameOf(container.Image));
        Assert.Null(container.Args);
        Assert.Null(container.Command);
        Assert.Contains(job.Spec.Template.Spec.RestartPolicy, (string[])["Never", "OnFailure"]);
        // It needs the database as its owner, and the services' role passwords to set: no admin secret, no cache, no broker
        // (and where a telemetry collector is set, its address).
        Assert.Equal(["ConnectionStrings__clientsdb", "Database__ApiRolePassword", "Database__AuditWorkerRolePassword"],
            container.Env.Select(e => e.Name).Where(n => n != "OTEL_EXPORTER_OTLP_ENDPOINT"));
        Assert.Null(container.EnvFrom);
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void LongRunningWorkloads_NeitherRunTheMigratorNorAMigrateMode(string overlay)
    {
        var containers = Overlays.Get(overlay).Workloads.Where(w => w.Kind != "Job").SelectMany(w => w.AllContainers).ToList();

        Assert.All(containers, c =>
        {
            // The migrator's one other command writes the broker's users (the dev broker's init container): it holds no
            // connection to the database, so it cannot migrate.
            if (Images.NameOf(c.Image) == "migrator")
            {
                Assert.Equal("broker-definitions", (c.Args ?? []).FirstOrDefault());
                Assert.DoesNotContain(c.Env ?? [], e => e.Name.StartsWith("ConnectionStrings__", StringComparison.Ordinal));
            }
            Assert.DoesNotContain("migrate", (c.Args ?? []).Concat(c.Command ?? []));
            Assert.DoesNotContain(c.Env ?? [], e => e.Name.StartsWith("Database__Migrate", StringComparison.Ordinal));
        });
    }
}
