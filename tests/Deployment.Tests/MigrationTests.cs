using k8s.Models;

namespace ClientPlatform.Deployment.Tests;

/// <summary>
/// The schema changes in one place: a Job running the admin-api image with "migrate". No replica migrates at
/// start, so a rollout of many replicas never races to change the schema.
/// </summary>
public sealed class MigrationTests
{
    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void MigrationJob_RunsTheAdminApiImageWithMigrate(string overlay)
    {
        var rendered = Overlays.Get(overlay);
        var job = Assert.Single(rendered.All<V1Job>());
        var container = Assert.Single(job.Spec.Template.Spec.Containers);

        // The very image (registry and tag) the admin-api Deployment runs: the schema matches the code.
        Assert.Equal(rendered.Named<V1Deployment>("admin-api").Spec.Template.Spec.Containers.Single().Image, container.Image);
        Assert.Equal(["migrate"], container.Args);
        Assert.Null(container.Command);
        Assert.Contains(job.Spec.Template.Spec.RestartPolicy, (string[])["Never", "OnFailure"]);
        // It needs the database as its owner, and the services' role passwords to set: no admin secret, no cache, no broker.
        Assert.Equal(["ConnectionStrings__clientsdb", "Database__ApiRolePassword", "Database__AuditWorkerRolePassword"], container.Env.Select(e => e.Name));
        Assert.Null(container.EnvFrom);
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void LongRunningWorkloads_NeitherRunMigrateNorMigrateAtStart(string overlay)
    {
        var containers = Overlays.Get(overlay).Workloads.Where(w => w.Kind != "Job").SelectMany(w => w.AllContainers).ToList();

        Assert.All(containers, c =>
        {
            Assert.DoesNotContain("migrate", (c.Args ?? []).Concat(c.Command ?? []));
            Assert.DoesNotContain(c.Env ?? [], e => e.Name == "Database__MigrateAtStart" && e.Value is not "false");
        });
    }
}
