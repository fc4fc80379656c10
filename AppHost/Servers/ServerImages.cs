using Microsoft.Extensions.Configuration;

namespace ClientPlatform.AppHost;

/// <summary>
/// The images the container mode runs PostgreSQL, Redis and RabbitMQ from. Aspire's own (docker.io) unless
/// <c>AppHost:Images:Postgres</c>, <c>:Redis</c>, <c>:RabbitMQ</c> name others (a full reference, e.g.
/// <c>localhost/clientplatform/postgres:15</c>); unset, those deploy/images/servers.sh chose for this checkout
/// (.deploy/server-images.env: the official images where they can be pulled, else the ones it built from Debian with
/// the same environment contract).
/// </summary>
public sealed record ServerImages(string? Postgres, string? Redis, string? RabbitMQ)
{
    public static ServerImages Read(IConfiguration configuration, string appHostDirectory)
    {
        var section = configuration.GetSection($"{AppHostSettings.Section}:Images");
        var chosen = ChosenByServersScript(Path.Combine(appHostDirectory, "..", ".deploy", "server-images.env"));
        return new ServerImages(
            section["Postgres"] ?? chosen.GetValueOrDefault("POSTGRES_IMAGE"),
            section["Redis"] ?? chosen.GetValueOrDefault("REDIS_IMAGE"),
            section["RabbitMQ"] ?? chosen.GetValueOrDefault("RABBITMQ_IMAGE"));
    }

    private static Dictionary<string, string> ChosenByServersScript(string file) => !File.Exists(file) ? [] : File.ReadAllLines(file)
        .Select(line => line.Split('=', 2))
        .Where(pair => pair is [{ Length: > 0 }, { Length: > 0 }])
        .ToDictionary(pair => pair[0].Trim(), pair => pair[1].Trim());
}

public static class ServerImageExtensions
{
    /// <summary>The container's image from a full reference (<c>registry/name:tag</c>); nothing changes when it is null.</summary>
    public static IResourceBuilder<T> WithServerImage<T>(this IResourceBuilder<T> container, string? reference) where T : ContainerResource
    {
        if (string.IsNullOrEmpty(reference))
            return container;
        var slash = reference.IndexOf('/');
        var first = slash < 0 ? "" : reference[..slash];
        // A registry is the first part when it looks like a host (a dot, a port, or localhost), as Docker reads it.
        var hasRegistry = first.Contains('.') || first.Contains(':') || first == "localhost";
        var registry = hasRegistry ? first : "docker.io";
        var rest = hasRegistry ? reference[(slash + 1)..] : reference;
        var colon = rest.LastIndexOf(':');
        var (image, tag) = colon > rest.LastIndexOf('/') && colon >= 0 ? (rest[..colon], rest[(colon + 1)..]) : (rest, "latest");
        return container.WithImageRegistry(registry).WithImage(image, tag);
    }
}
