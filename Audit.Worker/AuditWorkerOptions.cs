using System.ComponentModel.DataAnnotations;

namespace ClientPlatform.Audit.Worker;

/// <summary>Settings of the audit consumer (section "AuditWorker"), validated at start-up.</summary>
internal sealed class AuditWorkerOptions
{
    public const string SectionName = "AuditWorker";

    /// <summary>Unacknowledged messages the broker may hand over at once.</summary>
    [Range(1, 10000)]
    public ushort Prefetch { get; set; } = 1000;

    /// <summary>Most events written in one transaction.</summary>
    [Range(1, 5000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>How long a batch waits to fill once its first event has arrived.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:05")]
    public TimeSpan BatchWindow { get; set; } = TimeSpan.FromMilliseconds(20);

    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(15);
}
