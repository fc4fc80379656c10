using Microsoft.Extensions.Configuration;

namespace ClientPlatform.Hosting;

public interface IDistributedApplicationBuilder
{
    IConfiguration Configuration { get; }

    DistributedApplicationOptions Options { get; }

    IReadOnlyList<Resource> Resources { get; }

    IResourceBuilder<T> AddResource<T>(T resource) where T : Resource;

    DistributedApplication Build();
}

public interface IResourceBuilder<out T> where T : Resource
{
    T Resource { get; }

    IDistributedApplicationBuilder ApplicationBuilder { get; }
}

internal sealed record ResourceBuilder<T>(T Resource, IDistributedApplicationBuilder ApplicationBuilder)
    : IResourceBuilder<T> where T : Resource;
