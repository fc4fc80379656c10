namespace ClientPlatform.Gateway;

/// <summary>The gateway's limits, each declared once.</summary>
internal static class GatewayLimits
{
    /// <summary>No registration or admin request needs more; larger bodies are refused before any API sees them.</summary>
    public const int MaxRequestBodyBytes = 64 * 1024;

    /// <summary>
    /// A refused body up to this size is still read and thrown away after the 413 (Kestrel's own limit), so the
    /// client receives the 413. Closing a socket with unread input makes the kernel reset the connection, and a
    /// reset can erase the answer before the client reads it (RFC 9112 §9.6); beyond this size the gateway
    /// closes anyway rather than read any amount.
    /// </summary>
    public const int MaxDrainedBodyBytes = 1024 * 1024;

    /// <summary>How often each replica's /health is asked; its answer is awaited for <c>HealthBudget.Probe</c>.</summary>
    public static readonly TimeSpan HealthProbeInterval = TimeSpan.FromSeconds(1);
}
