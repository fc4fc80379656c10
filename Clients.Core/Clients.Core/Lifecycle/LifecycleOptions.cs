using System.ComponentModel.DataAnnotations;

namespace ClientPlatform.Clients.Core.Lifecycle;

/// <summary>
/// When registered clients expire (section "Lifecycle", issue 34), per source (<see cref="ClientSources.Expirable"/>; an administrator's client only where marked <c>lifecycle_managed</c>):
/// off unless a source is given a rule. Shared by both APIs; validated at start-up.
/// </summary>
public sealed class LifecycleOptions : IValidatableObject
{
    public const string SectionName = "Lifecycle";

    /// <summary>The rule of each registered source, by its name (<c>Lifecycle:Sources:dynamic:NeverUsedFor</c>).</summary>
    public Dictionary<string, SourceLifecycle> Sources { get; set; } = [];

    /// <summary>How often an admin replica looks for expired clients (one replica at a time reaps).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Lifecycle:ReapInterval must be from 1 second to 1 day.")]
    public TimeSpan ReapInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How many clients one reaping transaction takes, so that a backlog never holds one long transaction.</summary>
    [Range(1, 10_000, ErrorMessage = "Lifecycle:ReapBatch must be from 1 to 10000.")]
    public int ReapBatch { get; set; } = 500;

    /// <summary>
    /// A use is written at most once per this window for each client (a hot client costs no write per request), so the
    /// last use is known to within it; it must be well under the shortest rule, or a client in use would look idle.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "01:00:00", ErrorMessage = "Lifecycle:UseWriteWindow must be from 0.1 second to 1 hour.")]
    public TimeSpan UseWriteWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Whether any source has a rule (else nothing is ever stale and the reaper does not run).</summary>
    public bool Enabled => Sources.Values.Any(s => s.NeverUsedFor is not null || s.InactiveFor is not null);

    /// <summary>The rule of <paramref name="source"/>, or null: it never expires.</summary>
    public SourceLifecycle? RuleOf(string source) =>
        Sources.TryGetValue(source, out var rule) && (rule.NeverUsedFor is not null || rule.InactiveFor is not null) ? rule : null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (source, rule) in Sources)
        {
            var at = $"{SectionName}:Sources:{source}";
            if (!ClientSources.Expirable.Contains(source))
                yield return new($"{at}: no such source; a rule applies to one of {string.Join(", ", ClientSources.Expirable)} (the rule for admin only to the clients an administrator marked lifecycle_managed)");
            foreach (var (name, value) in new[] { (nameof(rule.NeverUsedFor), rule.NeverUsedFor), (nameof(rule.InactiveFor), rule.InactiveFor) })
                if (value is { } ttl && (ttl < UseWriteWindow * 4 || ttl > TimeSpan.FromDays(3650)))
                    yield return new($"{at}:{name} must be from four times Lifecycle:UseWriteWindow ({UseWriteWindow * 4}) to 3650 days, not {ttl}");
        }
    }
}

/// <summary>One source's rule: either time may be left unset.</summary>
public sealed class SourceLifecycle
{
    /// <summary>A client never used this long after its registration expires.</summary>
    public TimeSpan? NeverUsedFor { get; set; }

    /// <summary>A client not used for this long (counted from its registration until its first use) expires.</summary>
    public TimeSpan? InactiveFor { get; set; }

    /// <summary>What happens to it: deleted (the default), or locked against its own changes and kept for an administrator.</summary>
    public ExpiryAction Action { get; set; } = ExpiryAction.Delete;
}

public enum ExpiryAction
{
    Delete,
    Lock,
}
