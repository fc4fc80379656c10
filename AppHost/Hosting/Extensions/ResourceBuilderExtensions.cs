namespace ClientPlatform.Hosting;

public static class ResourceBuilderExtensions
{
    /// <summary>
    /// Gives a project the address of another resource: <c>ConnectionStrings__{name}</c> for a
    /// database, cache or broker; <c>services__{name}__http__{i}</c> for a project (one per replica).
    /// </summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, IResourceBuilder<Resource> source)
        where T : Resource
    {
        builder.Resource.References.Add(source.Resource);
        return builder;
    }

    /// <summary>Starts this resource only once <paramref name="dependency"/> is running and healthy.</summary>
    public static IResourceBuilder<T> WaitFor<T>(this IResourceBuilder<T> builder, IResourceBuilder<Resource> dependency)
        where T : Resource
    {
        builder.Resource.WaitsFor.Add(dependency.Resource);
        return builder;
    }

    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, string value)
        where T : Resource
    {
        builder.Resource.Environment.Add((name, () => value));
        return builder;
    }

    public static IResourceBuilder<T> WithEnvironment<T>(
        this IResourceBuilder<T> builder, string name, IResourceBuilder<ParameterResource> parameter)
        where T : Resource
    {
        builder.Resource.Environment.Add((name, () => parameter.Resource.Value));
        return builder;
    }

    /// <summary>A value from configuration key <paramref name="configurationKey"/>, generated when unset.</summary>
    public static IResourceBuilder<ParameterResource> AddParameter(
        this IDistributedApplicationBuilder builder, string name, string configurationKey, bool secret = false) =>
        builder.AddResource(new ParameterResource(name, configurationKey, builder.Configuration[configurationKey], secret));
}
