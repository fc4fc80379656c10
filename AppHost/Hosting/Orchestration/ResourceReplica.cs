namespace ClientPlatform.Hosting;

/// <summary>The live state of one process (or one replica) of a resource.</summary>
public sealed class ResourceReplica(Resource resource, int index)
{
    private readonly object _gate = new();
    private bool _messageFromHealth;

    public Resource Resource { get; } = resource;

    public int Index { get; } = index;

    public string DisplayName => Resource.Replicas > 1 ? $"{Resource.Name}-{Index}" : Resource.Name;

    public string State { get; private set; } = ResourceStates.NotStarted;

    public string Health { get; private set; } = HealthStates.Unknown;

    /// <summary>Why it is in its state, when that needs saying (a failure, a dependency, "external").</summary>
    public string? Message { get; private set; }

    public int? Pid => Process?.Pid;

    public DateTimeOffset? StartedAt => Process?.StartedAt;

    public int? ExitCode => Process?.ExitCode;

    public IReadOnlyList<string> Endpoints { get; internal set; } = [];

    public LogBuffer Log { get; } = new();

    public bool WasHealthy { get; private set; }

    internal ManagedProcess? Process { get; set; }

    /// <summary>Processes that serve the main one (RabbitMQ's private epmd), stopped after it.</summary>
    internal List<ManagedProcess> Helpers { get; } = [];

    internal event Action<ResourceReplica>? Changed;

    internal void Set(string state, string? message = null)
    {
        lock (_gate)
        {
            if (State == state && Message == message)
                return;
            State = state;
            Message = message;
            _messageFromHealth = false;
            if (state is not ResourceStates.Running)
                Health = HealthStates.Unknown;
        }
        Changed?.Invoke(this);
    }

    internal void SetHealth(bool healthy, string? message = null)
    {
        var health = healthy ? HealthStates.Healthy : HealthStates.Unhealthy;
        lock (_gate)
        {
            // A health message replaces only an earlier health message, never the state's own ("external").
            var newMessage = message ?? (_messageFromHealth ? null : Message);
            if (State != ResourceStates.Running || (Health == health && Message == newMessage))
                return;
            Health = health;
            Message = newMessage;
            _messageFromHealth = message is not null;
            WasHealthy |= healthy;
        }
        Changed?.Invoke(this);
    }

    internal void ResetForRestart()
    {
        Process = null;
        Helpers.Clear();
        lock (_gate)
            WasHealthy = false;
        Set(ResourceStates.NotStarted);
    }

    public bool IsHealthy => State == ResourceStates.Running && Health == HealthStates.Healthy;

    /// <summary>Ended before it was ever healthy: what waits for it cannot start.</summary>
    public bool HasFailed => State is ResourceStates.FailedToStart || (State is ResourceStates.Exited && !WasHealthy);
}
