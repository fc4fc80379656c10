namespace ClientPlatform.Hosting;

/// <summary>Finds the server binaries of the Debian packages, or says in one sentence how to get them.</summary>
internal static class Tools
{
    public static string PostgresBin()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "postgres")) && File.Exists(Path.Combine(b, "initdb")))
                .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return bin ?? throw Missing("PostgreSQL server", "/usr/lib/postgresql/*/bin", "postgresql");
    }

    public static string RedisServer() => Find("redis-server", ["/usr/bin/redis-server", "/usr/local/bin/redis-server"], "Redis server", "redis-server");

    public static string RabbitMQServer() =>
        Find("rabbitmq-server", ["/usr/lib/rabbitmq/bin/rabbitmq-server"], "RabbitMQ server", "rabbitmq-server");

    public static string Epmd() => Find("epmd", ["/usr/bin/epmd", "/usr/lib/erlang/bin/epmd"], "Erlang port mapper (epmd)", "rabbitmq-server");

    private static string Find(string name, string[] candidates, string what, string package) =>
        candidates.FirstOrDefault(File.Exists) ?? throw Missing(what, string.Join(", ", candidates), package);

    private static HostingException Missing(string what, string lookedIn, string package) =>
        new($"The {what} binary was not found (looked in {lookedIn}): install it with 'apt-get install -y {package}', " +
            "run ./run.sh which installs it, or configure an existing server with a connection string.");
}
