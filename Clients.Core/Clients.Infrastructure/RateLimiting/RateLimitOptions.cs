using System.ComponentModel.DataAnnotations;

namespace ClientPlatform.Clients.Infrastructure.RateLimiting;

/// <summary>Settings of the rate limits (section "RateLimits"): <c>RateLimits__Policies__register__PermitLimit=20</c>.</summary>
public sealed class RateLimitOptions : IValidatableObject
{
    public const string SectionName = "RateLimits";

    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How much of an IPv6 address a per-address limit counts (the prefix length): 64 by default, since a subscriber
    /// normally holds a whole /64 (RFC 6177). IPv4 addresses count one by one.
    /// </summary>
    [Range(32, 128)]
    public int Ipv6PrefixLength { get; set; } = 64;

    /// <summary>By policy name (<see cref="RateLimitPolicies"/>); a policy not set here keeps its default.</summary>
    public Dictionary<string, RateLimitPolicy> Policies { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public RateLimitPolicy For(string policy) =>
        Policies.TryGetValue(policy, out var configured) ? configured : RateLimitPolicies.Defaults[policy];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, policy) in Policies)
        {
            if (!RateLimitPolicies.Defaults.ContainsKey(name))
                yield return new ValidationResult(
                    $"RateLimits:Policies:{name} is not a policy; the policies are {string.Join(", ", RateLimitPolicies.Defaults.Keys)}.");
            if (policy.PermitLimit < 1 || policy.Window < TimeSpan.FromSeconds(1) || policy.Window > TimeSpan.FromDays(1))
                yield return new ValidationResult($"RateLimits:Policies:{name} needs PermitLimit ≥ 1 and a Window from 1 s to 1 day.");
        }
    }
}

/// <summary>At most <see cref="PermitLimit"/> requests in any sliding <see cref="Window"/>.</summary>
public sealed class RateLimitPolicy
{
    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
