using System.Linq.Expressions;
using ClientPlatform.Clients.Core.Persistence;

namespace ClientPlatform.Clients.Core.Lifecycle;

/// <summary>
/// Which clients have expired at a moment (issue 34), as one query over <c>clients</c> and <c>client_usage</c>: the admin
/// list's <c>stale=true</c>, the reaper's dry run and the reaper itself read this one rule. A client an administrator
/// locked is never stale: the lock says someone is looking after it (and a client the reaper locked is not taken twice).
/// </summary>
public sealed class ClientLifecycle(LifecycleOptions options)
{
    public const string NeverUsed = "never_used";
    public const string Inactive = "inactive";

    public bool Enabled => options.Enabled;

    /// <summary>The stale among <paramref name="clients"/> at <paramref name="now"/>.</summary>
    public IQueryable<Client> Stale(IQueryable<Client> clients, ClientsDbContext db, DateTimeOffset now)
    {
        var rules = ClientSources.Expirable.ToDictionary(s => s, options.RuleOf);
        if (rules.Values.All(r => r is null))
            return clients.Where(_ => false);
        // One cut-off pair per source, as parameters of one fixed predicate: an absent rule is a null cut-off.
        DateTimeOffset? Cut(string source, Func<SourceLifecycle, TimeSpan?> ttl) => rules[source] is { } rule && ttl(rule) is { } t ? now - t : null;
        var (dynNever, dynIdle) = (Cut(ClientSources.Dynamic, r => r.NeverUsedFor), Cut(ClientSources.Dynamic, r => r.InactiveFor));
        var (iatNever, iatIdle) = (Cut(ClientSources.InitialAccessToken, r => r.NeverUsedFor), Cut(ClientSources.InitialAccessToken, r => r.InactiveFor));
        var (ssNever, ssIdle) = (Cut(ClientSources.SoftwareStatement, r => r.NeverUsedFor), Cut(ClientSources.SoftwareStatement, r => r.InactiveFor));
        var (adminNever, adminIdle) = (Cut(ClientSources.Admin, r => r.NeverUsedFor), Cut(ClientSources.Admin, r => r.InactiveFor));
        var usage = db.ClientUsage;
        return clients.Where(c => !c.UpdateLocked && !c.DeleteLocked && (
            (c.Source == ClientSources.Dynamic && (
                (dynNever != null && c.CreatedAt < dynNever && !usage.Any(u => u.ClientId == c.ClientId)) ||
                (dynIdle != null && c.CreatedAt < dynIdle && !usage.Any(u => u.ClientId == c.ClientId && u.LastUsedAt >= dynIdle)))) ||
            (c.Source == ClientSources.InitialAccessToken && (
                (iatNever != null && c.CreatedAt < iatNever && !usage.Any(u => u.ClientId == c.ClientId)) ||
                (iatIdle != null && c.CreatedAt < iatIdle && !usage.Any(u => u.ClientId == c.ClientId && u.LastUsedAt >= iatIdle)))) ||
            (c.Source == ClientSources.SoftwareStatement && (
                (ssNever != null && c.CreatedAt < ssNever && !usage.Any(u => u.ClientId == c.ClientId)) ||
                (ssIdle != null && c.CreatedAt < ssIdle && !usage.Any(u => u.ClientId == c.ClientId && u.LastUsedAt >= ssIdle)))) ||
            // An administrator's client only where one marked it (lifecycle_managed).
            (c.Source == ClientSources.Admin && c.LifecycleManaged && (
                (adminNever != null && c.CreatedAt < adminNever && !usage.Any(u => u.ClientId == c.ClientId)) ||
                (adminIdle != null && c.CreatedAt < adminIdle && !usage.Any(u => u.ClientId == c.ClientId && u.LastUsedAt >= adminIdle))))));
    }

    /// <summary>Why a stale client expired, and what is done to it.</summary>
    public (string Reason, ExpiryAction Action) Verdict(string source, DateTimeOffset? lastUsedAt)
    {
        var rule = options.RuleOf(source) ?? throw new InvalidOperationException($"no lifecycle rule for {source}");
        return (lastUsedAt is null ? NeverUsed : Inactive, rule.Action);
    }

    /// <summary>
    /// When <paramref name="client"/> expires if it is never used: what <c>client_secret_expires_at</c> announces at
    /// registration (RFC 7591 §3.2.1), or null: no rule.
    /// </summary>
    public DateTimeOffset? ExpiresIfUnused(Client client) =>
        RuleFor(client) is { } rule
            ? client.CreatedAt + new[] { rule.NeverUsedFor, rule.InactiveFor }.Where(t => t is not null).Min()!.Value
            : null;

    /// <summary>When <paramref name="client"/>, used at <paramref name="usedAt"/>, expires if it is not used again, or null: no rule for a used client.</summary>
    public DateTimeOffset? ExpiresIfIdleAfter(Client client, DateTimeOffset usedAt) =>
        RuleFor(client)?.InactiveFor is { } ttl ? usedAt + ttl : null;

    // The same rule as Stale's: an administrator's client only where it is marked.
    private SourceLifecycle? RuleFor(Client client) =>
        client.Source == ClientSources.Admin && !client.LifecycleManaged ? null : options.RuleOf(client.Source);
}
