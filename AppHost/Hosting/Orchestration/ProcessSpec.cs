namespace ClientPlatform.Hosting;

/// <summary>How to start and stop one process.</summary>
internal sealed record ProcessSpec(string FileName, IReadOnlyList<string> Arguments)
{
    public string WorkingDirectory { get; init; } = System.Environment.CurrentDirectory;

    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Run as this user when the AppHost is root (PostgreSQL refuses root).</summary>
    public string? RunAsUser { get; init; }

    /// <summary>SIGTERM for most; SIGINT is PostgreSQL's fast shutdown.</summary>
    public int StopSignal { get; init; } = Signals.SigTerm;

    public override string ToString() => $"{FileName} {string.Join(' ', Arguments)}";
}
