using System.ComponentModel.DataAnnotations;

namespace ClientPlatform.Clients.Infrastructure.Audit;

/// <summary>Settings of the outbox relay (section "AuditRelay"), validated at start-up.</summary>
public sealed class OutboxRelayOptions
{
    public const string SectionName = "AuditRelay";

    /// <summary>Rows claimed and published per transaction.</summary>
    [Range(1, 5000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>How often to look for rows when no notification came (a safety net: commits notify).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a replica that is not the active relay waits before trying to take over.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan StandbyInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest wait between tries while the broker is away.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Sent rows are deleted after this long.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromHours(1);
}
