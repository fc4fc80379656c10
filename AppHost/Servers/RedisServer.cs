using Microsoft.Extensions.DependencyInjection;

namespace ClientPlatform.AppHost;

/// <summary>Redis from the Debian package, with Aspire's connection string (<c>host:port,password=…</c>).</summary>
public sealed class RedisExecutableResource(string name, string workingDirectory, ParameterResource password)
    : ExecutableServerResource(name, "redis-server", workingDirectory, password)
{
    public override ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"{Endpoint.Property(EndpointProperty.IPV4Host)}:{Endpoint.Property(EndpointProperty.Port)},password={Password}");
}

public static class RedisServerExtensions
{
    /// <summary>Redis: Aspire's container resource where a container runtime answers, else the Debian package's server.</summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddRedisServer(
        this IDistributedApplicationBuilder builder, string name, ServerMode mode, StateFolder state, ServerImages? images = null)
    {
        var password = builder.AddParameter($"{name}-password", () => state.Secret(name), secret: true);
        if (mode == ServerMode.Containers)
            return builder.AddRedis(name, password: password).WithServerImage(images?.Redis).WithPasswordInAFile();

        Preflight.IsInstalled(Preflight.Server.Redis);

        var server = new RedisExecutableResource(name, state.For(name), password.Resource);
        // The password in a file only this user can read, never on redis-server's command line, where every local
        // user could read it in the process list (issue 31).
        var config = Path.Combine(state.For(name), "redis.conf");
        File.WriteAllText(config, $"requirepass {state.Secret(name)}\n");
        File.SetUnixFileMode(config, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return builder.AddResource(server)
            .WithStableEndpoint(ExecutableServerResource.EndpointName)
            // Redis holds only what can be rebuilt (design.md §4) and runs without persistence: a restarted Redis
            // comes back empty, so no cache entry from before it stopped (perhaps missing an invalidation) returns.
            .WithArgs(context =>
            {
                context.Args.Add(config);
                context.Args.Add("--port");
                context.Args.Add(server.Endpoint.Property(EndpointProperty.TargetPort));
                context.Args.Add("--bind");
                context.Args.Add("127.0.0.1");
                context.Args.Add("--save");
                context.Args.Add("");
                context.Args.Add("--appendonly");
                context.Args.Add("no");
            })
            .WithServerHealthCheck(ServerHealthChecks.Redis);
    }

    /// <summary>
    /// Aspire starts its Redis container as <c>sh -c "redis-server --requirepass $REDIS_PASSWORD"</c>: the password on
    /// redis-server's command line, readable in the host's process list (issue 31). Instead the shell writes it to a
    /// file only the server's user can read, in the container's /tmp, and Redis reads it there; the same command as
    /// compose's, which the official image and ours both run. No persistence, as in executable mode.
    /// </summary>
    private static IResourceBuilder<RedisResource> WithPasswordInAFile(this IResourceBuilder<RedisResource> redis)
    {
        foreach (var arguments in redis.Resource.Annotations.OfType<CommandLineArgsCallbackAnnotation>().ToList())
            redis.Resource.Annotations.Remove(arguments);
        // AddRedis runs its container as a shell command (/bin/sh -c "<the arguments, joined>"): one argument, the command.
        return redis.WithArgs(
            "umask 077 && printf 'requirepass %s\\n' \"$REDIS_PASSWORD\" > /tmp/redis.conf && exec redis-server /tmp/redis.conf --save '' --appendonly no");
    }
}
