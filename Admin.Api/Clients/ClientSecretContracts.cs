using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Names = ClientPlatform.Clients.Core.OAuth.ClientMetadataNames;

namespace ClientPlatform.Admin.Api.Clients;

[Description("A secret a client presented.")]
internal sealed record SecretCheck : IAdminRequest<SecretCheck>
{
    private const string SecretRule = $"{Names.ClientSecret}: required, a non-empty string";

    [Description("The secret to check, in constant time against the BCrypt hashes."), Required, MinLength(1)]
    public string ClientSecret { get; set; } = "";

    public static string Shape => $"The request body must be a JSON object with {Names.ClientSecret}.";

    public static string RuleOf(string path) => path.Split('.', '[')[0] == Names.ClientSecret ? SecretRule : Shape;

    public string? Problem(DateTimeOffset now) => ClientSecret.Length == 0 ? SecretRule : null;
}

[Description("Whether the secret is the client's.")]
internal sealed record SecretCheckResult(
    [property: Description("The secret matches one of the client's live secrets: the current one, or an older one before its expiry.")] bool Valid,
    [property: Description("Which secret matched; null: none."), AllowedValues("current", "previous", null)] string? Matched,
    [property: Description("The id of the secret that matched (GET …/secrets lists them); null: none.")] string? SecretId,
    [property: Description("When the matched secret stops working (Unix time, milliseconds); null: it does not expire, or none matched.")] long? ExpiresAt);

[Description("A new secret, shown once.")]
internal sealed record SecretRegenerated(
    [property: Description("The client.")] string ClientId,
    [property: Description("The new secret: store it now, it is kept only as a BCrypt hash.")] string ClientSecret,
    [property: Description("The new secret's id.")] string SecretId,
    [property: Description("When the secret it replaced stops working (Unix time, milliseconds); null: it already has."),
        JsonPropertyName(ClientPlatform.Clients.Core.Security.SecretRotationAudit.PreviousSecretExpiresAt)]
    long? PreviousSecretExpiresAt,
    [property: Description("Every secret of the client that works now, the new one last: each expiry announced here holds.")]
    IReadOnlyList<ClientSecretView> Secrets,
    [property: Description("What happened to the previous secret.")] string Message);

[Description("One secret of a client's credential set; never the secret itself.")]
internal sealed record ClientSecretView(
    [property: Description("The secret's id.")] string Id,
    [property: Description("When it was made (Unix time, milliseconds).")] long CreatedAt,
    [property: Description("When it stops working (Unix time, milliseconds); null: it does not expire.")] long? ExpiresAt,
    [property: Description("The newest: the one client_secret_expires_at speaks of (RFC 7591 §3.2.1).")] bool Current,
    [property: Description("When it last proved the client through verify-secret (Unix time, milliseconds; recorded at most once a minute); null: never, or not said here.")]
    long? LastUsedAt)
{
    public static ClientSecretView From(ClientPlatform.Clients.Core.ClientSecret secret, bool current, DateTimeOffset? lastUsed = null) =>
        new(secret.Id, secret.CreatedAt.ToUnixTimeMilliseconds(), secret.ExpiresAt?.ToUnixTimeMilliseconds(), current, lastUsed?.ToUnixTimeMilliseconds());
}

[Description("The secrets of a client that work now, oldest first.")]
internal sealed record ClientSecretList(
    [property: Description("The client.")] string ClientId,
    [property: Description("At most SecretRotation:MaxSecrets of them.")] IReadOnlyList<ClientSecretView> Secrets);

[Description("Another secret for a client, beside the ones it has.")]
internal sealed record SecretAdd : IAdminRequest<SecretAdd>
{
    private const string ExpiresRule = "expires_at: Unix time in milliseconds, in the future, or null for a secret that does not expire";

    [Description("When it stops working (Unix time, milliseconds); null or absent: it does not expire.")]
    public long? ExpiresAt { get; set; }

    public static string Shape => "The request body must be absent, or a JSON object, {} or {\"expires_at\": …} (application/json).";

    public static string RuleOf(string path) => path.Split('.', '[')[0] == "expires_at" ? ExpiresRule : Shape;

    public string? Problem(DateTimeOffset now) => ExpiresAt is { } at && at <= now.ToUnixTimeMilliseconds() ? ExpiresRule : null;

    /// <summary>No body: a secret that does not expire, as <c>{}</c>.</summary>
    public static SecretAdd? WithoutBody => new();
}

[Description("A secret added, shown once.")]
internal sealed record SecretAdded(
    [property: Description("The client.")] string ClientId,
    [property: Description("The new secret: store it now, it is kept only as a BCrypt hash.")] string ClientSecret,
    [property: Description("The new secret's id.")] string SecretId,
    [property: Description("Every secret of the client that works now, the new one last (the current one).")] IReadOnlyList<ClientSecretView> Secrets);

[Description("Clients to delete.")]
internal sealed record BulkDelete : IAdminRequest<BulkDelete>
{
    private const string IdsRule = "client_ids: required, a non-empty array of client ids";

    [Description("Client ids; duplicates count once."), Required, MinLength(1), MaxLength(AdminClientEndpoints.MaxBulkDelete)]
    public IReadOnlyList<string> ClientIds { get; set; } = [];

    public static string Shape => "The request body must be a JSON object {\"client_ids\":[…]} (application/json).";

    public static string RuleOf(string path) => path.Split('.', '[')[0] == "client_ids" ? IdsRule : Shape;

    // An entry may be null at run time: the wire's nullability is checked for members, not for list entries.
    public string? Problem(DateTimeOffset now) =>
        ClientIds.Count == 0 || ClientIds.Any(id => id is null) ? IdsRule
        : ClientIds.Distinct(StringComparer.Ordinal).Count() > AdminClientEndpoints.MaxBulkDelete ? $"client_ids: at most {AdminClientEndpoints.MaxBulkDelete} per call"
        : null;
}

[Description("What a bulk delete did: every found client deleted, in one transaction.")]
internal sealed record BulkDeleteResult(
    [property: Description("Always true: ids not found are reported, not fatal.")] bool Success,
    [property: Description("Clients deleted.")] int Deleted,
    [property: Description("Distinct ids asked for.")] int Requested,
    [property: Description("One message per id not found.")] IReadOnlyList<string> Errors);
