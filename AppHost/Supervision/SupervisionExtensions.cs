using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ClientPlatform.AppHost.Supervision;

/// <summary>Marks a resource that runs once to its end (the migrator): its exit is the plan, not a crash.</summary>
internal sealed class RunsOnceAnnotation : IResourceAnnotation;

public static class SupervisionExtensions
{
    /// <summary>Every executable, project and container is restarted when it exits unasked (<see cref="Supervisor"/>).</summary>
    public static IDistributedApplicationBuilder WithSupervision(this IDistributedApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection($"{AppHostSettings.Section}:{SupervisionOptions.Section}");
        var defaults = SupervisionOptions.Default;
        var options = new SupervisionOptions(
            section.GetValue(nameof(SupervisionOptions.Enabled), defaults.Enabled),
            section.GetValue(nameof(SupervisionOptions.FirstDelay), defaults.FirstDelay),
            section.GetValue(nameof(SupervisionOptions.MaxDelay), defaults.MaxDelay),
            section.GetValue(nameof(SupervisionOptions.MaxRestarts), defaults.MaxRestarts),
            section.GetValue(nameof(SupervisionOptions.Window), defaults.Window));
        if (options.FirstDelay <= TimeSpan.Zero || options.MaxDelay < options.FirstDelay || options.MaxRestarts < 1 || options.Window <= TimeSpan.Zero)
            throw new AppHostException($"{AppHostSettings.Section}:{SupervisionOptions.Section}: FirstDelay must be positive and at most MaxDelay, " +
                                       "MaxRestarts at least 1, Window positive.");
        builder.Services.AddSingleton(options);
        builder.Services.AddHostedService<Supervisor>();
        return builder;
    }

    /// <summary>This resource runs once to its end and is never restarted.</summary>
    public static IResourceBuilder<T> RunsOnce<T>(this IResourceBuilder<T> resource) where T : IResource =>
        resource.WithAnnotation(new RunsOnceAnnotation());
}
