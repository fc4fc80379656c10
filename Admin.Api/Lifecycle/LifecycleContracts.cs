using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace ClientPlatform.Admin.Api.Lifecycle;

[Description("A registered client that has expired by its source's lifecycle rule (Lifecycle:Sources).")]
internal sealed record ExpiredClient(
    [property: Description("The client.")] string ClientId,
    [property: Description("How it came to be (admin: an administrator's client marked lifecycle_managed)."), AllowedValues(ClientSources.Dynamic, ClientSources.InitialAccessToken, ClientSources.SoftwareStatement, ClientSources.Admin)]
    string Source,
    [property: Description("Why it expired: never used within NeverUsedFor, or not used for InactiveFor."), AllowedValues(ClientLifecycle.NeverUsed, ClientLifecycle.Inactive)]
    string Reason,
    [property: Description("What the rule does with it."), AllowedValues(ExpiredClient.Deleted, ExpiredClient.Locked)] string Action,
    [property: Description("Registered (Unix time, milliseconds).")] long CreatedAt,
    [property: Description("Last used (Unix time, milliseconds); null: never.")] long? LastUsedAt)
{
    public const string Deleted = "deleted";
    public const string Locked = "locked";

    public static ExpiredClient Of(Client client, DateTimeOffset? lastUsedAt, ClientLifecycle lifecycle)
    {
        var (reason, action) = lifecycle.Verdict(client.Source, lastUsedAt);
        return new(client.ClientId, client.Source, reason, action == ExpiryAction.Lock ? Locked : Deleted,
            client.CreatedAt.ToUnixTimeMilliseconds(), lastUsedAt?.ToUnixTimeMilliseconds());
    }
}

[Description("What a reaping did, or (dry run) would do.")]
internal sealed record ReapResult(
    [property: Description("True: nothing was changed; the clients listed are those that would go now.")] bool DryRun,
    [property: Description("How many clients expired (a dry run: how many are stale now).")] int Total,
    [property: Description("The clients, oldest first, at most 1000 of them (ReapResult.MaxListed).")] IReadOnlyList<ExpiredClient> Clients)
{
    public const int MaxListed = 1000;

    /// <summary>Some are left: one call reaps for at most half the request budget (call again; the scheduled reaper has no limit).</summary>
    [Description("True: expired clients are left, as one call reaps for at most half the request budget; call again.")]
    public bool More { get; init; }
}
