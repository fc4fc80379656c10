namespace ClientPlatform.Gateway;

/// <summary>The gateway's limits, each declared once.</summary>
internal static class GatewayLimits
{
    /// <summary>No registration or admin request needs more; larger bodies are refused before any API sees them.</summary>
    public const int MaxRequestBodyBytes = 64 * 1024;

    public static readonly TimeSpan HealthProbeInterval = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan HealthProbeTimeout = TimeSpan.FromSeconds(1);
}
