namespace ClientPlatform.Hosting;

/// <summary>How one run of the application model behaves; read from configuration (see README).</summary>
public sealed class DistributedApplicationOptions
{
    /// <summary>Where servers keep their data between runs (git-ignored).</summary>
    public string StateDirectory { get; set; } = "";

    /// <summary>Start from empty data (<c>--fresh</c>).</summary>
    public bool Fresh { get; set; }

    /// <summary>Throwaway data: faster, unsafe settings (no fsync); the folder is deleted at the end.</summary>
    public bool Ephemeral { get; set; }

    /// <summary>0 = no dashboard.</summary>
    public int DashboardPort { get; set; } = 18888;

    /// <summary>Echo every resource's console output to the AppHost's console.</summary>
    public bool EchoResourceLogs { get; set; } = true;

    /// <summary>Print generated secret parameters once at start.</summary>
    public bool PrintGeneratedSecrets { get; set; } = true;

    public TimeSpan StopGracePeriod { get; set; } = TimeSpan.FromSeconds(10);
}
