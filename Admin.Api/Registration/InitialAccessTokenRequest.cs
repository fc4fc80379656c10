using System.Text.RegularExpressions;
using ClientPlatform.Clients.Core.OAuth;
using ClientPlatform.Clients.Core.Registration;

namespace ClientPlatform.Admin.Api.Registration;

/// <summary>
/// The body of <c>POST /admin/initial-access-tokens</c>: <c>name</c>, <c>expires_in</c> (seconds) or
/// <c>expires_at</c> (Unix ms), <c>max_uses</c>, and an optional <c>policy</c> of <c>grant_types</c>,
/// <c>redirect_uri_hosts</c> and <c>scopes</c>. Each problem is named as "member: rule".
/// </summary>
internal sealed partial record InitialAccessTokenRequest(string? Name, DateTimeOffset ExpiresAt, int MaxUses, RegistrationPolicy Policy)
{
    private const int EntryMaxLength = 255;

    public static (InitialAccessTokenRequest? Request, string? Problem) Parse(JsonElement root, DateTimeOffset now)
    {
        string? name = null;
        if (root.TryGetProperty("name", out var nameValue) && nameValue.ValueKind != JsonValueKind.Null)
        {
            if (nameValue.ValueKind != JsonValueKind.String || nameValue.GetString()!.Trim().Length == 0 || nameValue.GetString()!.Length > ClientLimits.NameMaxLength)
                return (null, $"name: a non-empty string of at most {ClientLimits.NameMaxLength} characters");
            name = nameValue.GetString();
        }
        var (expiresAt, expiryProblem) = ReadExpiry(root, now);
        if (expiryProblem is not null)
            return (null, expiryProblem);
        var maxUses = 1;
        if (root.TryGetProperty("max_uses", out var uses) && uses.ValueKind != JsonValueKind.Null
            && (uses.ValueKind != JsonValueKind.Number || !uses.TryGetInt32(out maxUses) || maxUses < 1 || maxUses > InitialAccessTokens.MaxUsesLimit))
            return (null, $"max_uses: an integer from 1 to {InitialAccessTokens.MaxUsesLimit}");

        IReadOnlyList<string>? grants = null, hosts = null, scopes = null;
        if (root.TryGetProperty("policy", out var policy) && policy.ValueKind != JsonValueKind.Null)
        {
            if (policy.ValueKind != JsonValueKind.Object)
                return (null, "policy: an object with grant_types, redirect_uri_hosts and scopes (each optional)");
            string? problem;
            (grants, problem) = List(policy, "grant_types", g => GrantTypes.Supported.Contains(g), $"one of {string.Join(", ", GrantTypes.Supported)}");
            if (problem is null)
                (hosts, problem) = List(policy, "redirect_uri_hosts", g => HostPattern().IsMatch(g), "a host name, or *. and a domain (e.g. app.example.com, *.example.com)");
            if (problem is null)
                (scopes, problem) = List(policy, "scopes", g => ScopeToken().IsMatch(g), "a scope token (RFC 6749 §3.3: no spaces or quotes)");
            if (problem is not null)
                return (null, problem);
        }
        return (new InitialAccessTokenRequest(name, expiresAt, maxUses, new RegistrationPolicy(grants, hosts, scopes)), null);
    }

    private static (DateTimeOffset, string?) ReadExpiry(JsonElement root, DateTimeOffset now)
    {
        var hasIn = root.TryGetProperty("expires_in", out var expiresIn) && expiresIn.ValueKind != JsonValueKind.Null;
        var hasAt = root.TryGetProperty("expires_at", out var expiresAt) && expiresAt.ValueKind != JsonValueKind.Null;
        var latest = now + InitialAccessTokens.MaxLifetime;
        if (hasIn && hasAt)
            return (default, "expires_in, expires_at: give one of them, not both");
        if (hasIn)
            return expiresIn.ValueKind == JsonValueKind.Number && expiresIn.TryGetInt64(out var seconds) && seconds >= 1
                   && seconds <= (long)InitialAccessTokens.MaxLifetime.TotalSeconds
                ? (now.AddSeconds(seconds), null)
                : (default, $"expires_in: whole seconds, from 1 to {(long)InitialAccessTokens.MaxLifetime.TotalSeconds}");
        if (hasAt)
            return expiresAt.ValueKind == JsonValueKind.Number && expiresAt.TryGetInt64(out var ms)
                   && ms > now.ToUnixTimeMilliseconds() && ms <= latest.ToUnixTimeMilliseconds()
                ? (DateTimeOffset.FromUnixTimeMilliseconds(ms), null)
                : (default, $"expires_at: a future time in Unix milliseconds, at most {InitialAccessTokens.MaxLifetime.TotalDays:0} days ahead");
        return (now + InitialAccessTokens.DefaultLifetime, null);
    }

    private static (IReadOnlyList<string>?, string?) List(JsonElement policy, string member, Func<string, bool> valid, string rule)
    {
        if (!policy.TryGetProperty(member, out var list) || list.ValueKind == JsonValueKind.Null)
            return (null, null);
        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() > RegistrationPolicy.MaxEntries)
            return (null, $"policy.{member}: an array of at most {RegistrationPolicy.MaxEntries} strings");
        var values = new List<string>();
        foreach (var entry in list.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.String || entry.GetString()!.Length > EntryMaxLength || !valid(entry.GetString()!))
                return (null, $"policy.{member}: each entry must be {rule}");
            values.Add(entry.GetString()!);
        }
        return ([.. values.Distinct(StringComparer.Ordinal)], null);
    }

    // RFC 1123 labels, optionally behind "*." for any subdomain.
    [GeneratedRegex(@"^(\*\.)?([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$")]
    private static partial Regex HostPattern();

    // RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E )
    [GeneratedRegex(@"^[\x21\x23-\x5B\x5D-\x7E]+$")]
    private static partial Regex ScopeToken();
}
