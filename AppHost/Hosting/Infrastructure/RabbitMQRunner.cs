using RabbitMQ.Client;

namespace ClientPlatform.Hosting;

/// <summary>
/// RabbitMQ from the Debian package, with its own epmd on a private loopback port, its own
/// distribution port and its own Erlang cookie, all state in one folder (aspire-substitute.md §2.3).
/// </summary>
internal sealed class RabbitMQRunner(RabbitMQServerResource broker) : IResourceRunner, IAsyncDisposable
{
    private const string NodeName = "clientplatform@localhost";
    private string _server = "";
    private string _epmd = "";
    private string _directory = "";
    private int _distributionPort;
    private int _epmdPort;
    private IConnection? _probeConnection;

    public TimeSpan StartupTimeout => TimeSpan.FromSeconds(90);

    public void Prepare(RunContext context)
    {
        _server = Tools.RabbitMQServer();
        _epmd = Tools.Epmd();
        _directory = context.PrepareServer(broker);
        _distributionPort = PortAllocator.FreePort();
        _epmdPort = PortAllocator.FreePort();
    }

    public async Task StartAsync(ResourceReplica replica, RunContext context, CancellationToken cancellationToken)
    {
        WriteConfiguration();
        var environment = new Dictionary<string, string?>
        {
            ["HOME"] = _directory, // the Erlang cookie is read from $HOME
            ["RABBITMQ_NODENAME"] = NodeName,
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = broker.Port.ToString(),
            ["RABBITMQ_DIST_PORT"] = _distributionPort.ToString(),
            ["ERL_EPMD_PORT"] = _epmdPort.ToString(),
            ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(_directory, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(_directory, "log"),
            ["RABBITMQ_LOGS"] = "-",
            ["RABBITMQ_CONFIG_FILE"] = Path.Combine(_directory, "rabbitmq.conf"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(_directory, "enabled_plugins"),
            ["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(_directory, "rabbitmq-env.conf"),
            ["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(_directory, "advanced.config"),
            // Erlang's schedulers spin while idle to cut wake-up latency; on a machine the broker shares with
            // everything else that spinning is CPU taken from the services (RabbitMQ's own advice for shared hosts).
            ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1} +sbwt none +sbwtdcpu none +sbwtdio none",
        };

        // Our own epmd first: otherwise erl starts one as a daemon on all interfaces that outlives the broker.
        replica.Helpers.Add(await context.StartProcessAsync(replica,
            new ProcessSpec(_epmd, ["-port", _epmdPort.ToString(), "-address", "127.0.0.1"])
            { Environment = environment, WorkingDirectory = _directory }, "epmd: "));
        replica.Process = await context.StartProcessAsync(replica, new ProcessSpec(_server, [])
        {
            Environment = environment,
            WorkingDirectory = _directory,
        });
    }

    public async Task<bool> ProbeAsync(ResourceReplica replica, CancellationToken cancellationToken)
    {
        // One kept connection, so the broker's log is not filled with a connection per probe.
        if (_probeConnection is { IsOpen: true })
            return true;
        try
        {
            if (_probeConnection is not null)
                await _probeConnection.DisposeAsync();
            var factory = new ConnectionFactory
            {
                Uri = new Uri(broker.ConnectionString),
                RequestedConnectionTimeout = TimeSpan.FromSeconds(3),
                AutomaticRecoveryEnabled = false,
                ClientProvidedName = "apphost-health",
            };
            _probeConnection = await factory.CreateConnectionAsync(cancellationToken);
            return _probeConnection.IsOpen;
        }
        catch (Exception e) when (e is RabbitMQ.Client.Exceptions.BrokerUnreachableException or IOException or OperationCanceledException
                                   && !cancellationToken.IsCancellationRequested)
        {
            _probeConnection = null;
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_probeConnection is not null)
            await _probeConnection.DisposeAsync();
    }

    private void WriteConfiguration()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "mnesia"));
        Directory.CreateDirectory(Path.Combine(_directory, "log"));
        // default_user/default_pass apply on the first boot (empty mnesia); the password file keeps them in step.
        File.WriteAllText(Path.Combine(_directory, "rabbitmq.conf"), $"""
            listeners.tcp.1 = 127.0.0.1:{broker.Port}
            default_user = {RabbitMQServerResource.UserName}
            default_pass = {broker.Password}
            loopback_users = none
            log.console = true
            log.console.level = info
            log.file = false
            """);
        File.WriteAllText(Path.Combine(_directory, "enabled_plugins"), "[].");
        File.WriteAllText(Path.Combine(_directory, "rabbitmq-env.conf"), "");
        var cookie = Path.Combine(_directory, ".erlang.cookie");
        if (!File.Exists(cookie))
        {
            File.WriteAllText(cookie, Passwords.Generate().Replace("-", "").Replace("_", ""));
            File.SetUnixFileMode(cookie, UnixFileMode.UserRead);
        }
    }
}
