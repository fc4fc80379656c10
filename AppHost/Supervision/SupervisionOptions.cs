namespace ClientPlatform.AppHost.Supervision;

/// <summary>
/// How the AppHost restarts what exits without being asked to (section <c>AppHost:Supervision</c>): after
/// <see cref="FirstDelay"/>, doubling at each exit up to <see cref="MaxDelay"/>, and no more once a resource has exited
/// <see cref="MaxRestarts"/> times within <see cref="Window"/> (a crash loop is a bug or a setting to fix, not bad luck).
/// </summary>
public sealed record SupervisionOptions(bool Enabled, TimeSpan FirstDelay, TimeSpan MaxDelay, int MaxRestarts, TimeSpan Window)
{
    public const string Section = "Supervision";

    public static SupervisionOptions Default { get; } = new(
        Enabled: true, FirstDelay: TimeSpan.FromMilliseconds(250), MaxDelay: TimeSpan.FromSeconds(10), MaxRestarts: 5, Window: TimeSpan.FromMinutes(2));

    /// <summary>The pause before the restart that follows <paramref name="recentExits"/> exits within the window (1 or more).</summary>
    public TimeSpan DelayAfter(int recentExits) =>
        TimeSpan.FromTicks(Math.Min(MaxDelay.Ticks, FirstDelay.Ticks << Math.Min(recentExits - 1, 20)));
}
