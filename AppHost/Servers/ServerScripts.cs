namespace ClientPlatform.AppHost;

internal static class ServerScripts
{
    /// <summary>A script of <c>Servers/</c>, copied beside the AppHost's assembly by the build.</summary>
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Servers", name);

    /// <summary>
    /// An AppHost-side health check on the resource's connection string, as Aspire's own server resources have:
    /// <c>WaitFor</c> on the resource then means "answers", not just "started". The string is known once DCP
    /// has given the endpoint its port.
    /// </summary>
    public static IResourceBuilder<T> WithServerHealthCheck<T>(this IResourceBuilder<T> resource,
        Action<IDistributedApplicationBuilder, Func<string>, string> register) where T : IResourceWithConnectionString
    {
        var builder = resource.ApplicationBuilder;
        string? connectionString = null;
        builder.Eventing.Subscribe<ConnectionStringAvailableEvent>(resource.Resource, async (_, cancellationToken) =>
            connectionString = await resource.Resource.ConnectionStringExpression.GetValueAsync(cancellationToken));
        var key = $"{resource.Resource.Name}_check";
        register(builder, () => connectionString ?? throw new InvalidOperationException($"{resource.Resource.Name} has no connection string yet."), key);
        return resource.WithHealthCheck(key);
    }
}
