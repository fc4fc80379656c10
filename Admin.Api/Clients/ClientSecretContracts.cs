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
    [property: Description("The secret matches the current one, or the previous one within its grace period.")] bool Valid,
    [property: Description("Which secret matched; null: none."), AllowedValues("current", "previous", null)] string? Matched,
    [property: Description("When the matched secret stops working (Unix time, milliseconds); null: it does not expire, or none matched.")] long? ExpiresAt);

[Description("A new secret, shown once.")]
internal sealed record SecretRegenerated(
    [property: Description("The client.")] string ClientId,
    [property: Description("The new secret: store it now, it is kept only as a BCrypt hash.")] string ClientSecret,
    [property: Description("When the previous secret stops working (Unix time, milliseconds); null: it already has."),
        JsonPropertyName(ClientPlatform.Clients.Core.Security.SecretRotationAudit.PreviousSecretExpiresAt)]
    long? PreviousSecretExpiresAt,
    [property: Description("What happened to the previous secret.")] string Message);

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
