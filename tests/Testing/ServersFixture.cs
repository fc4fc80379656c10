using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

namespace ClientPlatform.Testing;

/// <summary>
/// The AppHost's PostgreSQL, Redis and RabbitMQ and nothing else: for tests that bring their own services
/// (the images of deploy/, run by an OCI runtime) and must not share the broker's queues with the AppHost's.
/// </summary>
public class ServersFixture : PlatformFixture
{
    /// <summary>The AppHost's projects to keep beside the servers (none by default).</summary>
    protected virtual IReadOnlyCollection<string> KeptProjects => [];

    protected override void Shape(IDistributedApplicationTestingBuilder builder)
    {
        foreach (var project in builder.Resources.OfType<ProjectResource>().Where(p => !KeptProjects.Contains(p.Name)).ToList())
            builder.Resources.Remove(project);
    }
}
