using System.ComponentModel.DataAnnotations;
using System.ComponentModel;
using System.Text.Json.Serialization;
using ClientPlatform.Admin.Api.Registration;
using Names = ClientPlatform.Clients.Core.OAuth.ClientMetadataNames;

namespace ClientPlatform.Admin.Api.Clients;

/// <summary>
/// A client as the admin API shows it (seed 004 data model): every field, null when unset, arrays and real booleans
/// (design.md §7 C-12), times in milliseconds (C-13), the secret masked unless it was just issued. Never the entity.
/// </summary>
[Description("A client, every field (seed 004).")]
[RequiredMembers(Names.ClientId, Names.RedirectUris, Names.TokenEndpointAuthMethod, Names.GrantTypes, Names.ResponseTypes, "created_at", "updated_at")]
internal sealed record AdminClient : ClientMetadataDocument
{
    public const string Masked = "***masked***";

    public AdminClient()
    {
    }

    private AdminClient(ClientMetadataDocument metadata) : base(metadata)
    {
    }

    [JsonPropertyName(Names.ClientId), JsonPropertyOrder(-2), Description("The client identifier.")]
    public string ClientId { get; init; } = "";

    [JsonPropertyName(Names.ClientSecret), JsonPropertyOrder(-1)]
    [Description($"\"{Masked}\" when it has one; the secret itself only in the answer that issued it; null: none.")]
    public string? ClientSecret { get; init; }

    [JsonPropertyName(Names.IsTrusted), JsonPropertyOrder(1), Description("Admin only (seed 004): a first-party client.")]
    public bool IsTrusted { get; init; }

    [JsonPropertyName(Names.SkipConsent), JsonPropertyOrder(1), Description("Admin only (seed 004): no consent screen.")]
    public bool SkipConsent { get; init; }

    [JsonPropertyName(Names.AllowClaimsWithoutScope), JsonPropertyOrder(1), Description("Admin only (seed 004): claims released without their scope.")]
    public bool AllowClaimsWithoutScope { get; init; }

    [JsonPropertyName(Names.LifecycleManaged), JsonPropertyOrder(1), Description(LifecycleManagedDescription)]
    public bool LifecycleManaged { get; init; }

    internal const string LifecycleManagedDescription =
        "Admin only (issue 34): the lifecycle rule for admin (Lifecycle:Sources:admin) applies to this administrator's client; unmarked, it never expires.";

    [JsonPropertyName(ClientPlatform.Clients.Core.Security.SecretRotationAudit.PreviousSecretExpiresAt), JsonPropertyOrder(1)]
    [Description("When the last of the secrets replaced by a rotation stops working (Unix time, milliseconds); null: none is left.")]
    public long? PreviousSecretExpiresAt { get; init; }

    [JsonPropertyOrder(1), Description("The initial access token the client registered with; null: none.")]
    public string? InitialAccessTokenId { get; init; }

    [JsonPropertyOrder(1), Description("The policy of that token, binding every change the client makes itself; null: none binds it.")]
    public TokenPolicy? RegistrationPolicy { get; init; }

    [JsonPropertyOrder(1), Description("The registration profile the client registered under (issue 35), binding every change it makes itself; null: none.")]
    public string? RegistrationProfile { get; init; }

    [JsonPropertyOrder(1), Description("The client may not update its own registration (RFC 7592).")]
    public bool UpdateLocked { get; init; }

    [JsonPropertyOrder(1), Description("The client may not delete its own registration (RFC 7592).")]
    public bool DeleteLocked { get; init; }

    [JsonPropertyOrder(1), Description("How the client came to be: registered openly, with an initial access token or a software statement, created by an administrator (issue 34), or resolved from its Client ID Metadata Document (issue 35).")]
    [AllowedValues(ClientSources.Dynamic, ClientSources.InitialAccessToken, ClientSources.SoftwareStatement, ClientSources.Admin, ClientSources.MetadataDocument)]
    public string Source { get; init; } = ClientSources.Dynamic;

    [JsonPropertyOrder(1), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [Description("In the list only: when the client last proved itself, a secret verified or its own RFC 7592 call (Unix time, milliseconds; recorded to within Lifecycle:UseWriteWindow); absent: never. One client's GET is answered from the cache and leaves it out.")]
    public long? LastUsedAt { get; init; }

    [JsonPropertyOrder(1), Description("Registered (Unix time, milliseconds).")]
    public long CreatedAt { get; init; }

    [JsonPropertyOrder(1), Description("Last changed (Unix time, milliseconds).")]
    public long UpdatedAt { get; init; }

    /// <param name="newSecret">The secret just issued, shown this once; otherwise the secret is masked.</param>
    /// <param name="lastUsedAt">When it was last used (<c>client_usage</c>), where the caller read it.</param>
    public static AdminClient From(Client client, string? newSecret = null, DateTimeOffset? lastUsedAt = null)
    {
        var metadata = client.ToMetadata();
        return new AdminClient(From(metadata))
        {
            // Every field: the lists too, empty rather than absent.
            Contacts = metadata.Contacts,
            PostLogoutRedirectUris = metadata.PostLogoutRedirectUris,
            ClientId = client.ClientId,
            ClientSecret = newSecret ?? (client.CurrentSecret() is null ? null : Masked),
            IsTrusted = metadata.IsTrusted,
            SkipConsent = metadata.SkipConsent,
            AllowClaimsWithoutScope = metadata.AllowClaimsWithoutScope,
            LifecycleManaged = metadata.LifecycleManaged,
            // The last of the older secrets to stop working (their list: GET …/secrets).
            PreviousSecretExpiresAt = client.Secrets.Count > 1 ? client.Secrets[..^1].Max(s => s.ExpiresAt)?.ToUnixTimeMilliseconds() : null,
            // What binds the client's own changes (design.md §3): the token it registered with and that token's policy.
            InitialAccessTokenId = client.InitialAccessTokenId,
            RegistrationPolicy = client.RegistrationPolicy is { } policy
                ? TokenPolicy.From(policy.GrantTypes, policy.RedirectUriHosts, policy.Scopes)
                : null,
            RegistrationProfile = client.RegistrationProfile,
            UpdateLocked = client.UpdateLocked,
            DeleteLocked = client.DeleteLocked,
            Source = client.Source,
            LastUsedAt = lastUsedAt?.ToUnixTimeMilliseconds(),
            CreatedAt = client.CreatedAt.ToUnixTimeMilliseconds(),
            UpdatedAt = client.UpdatedAt.ToUnixTimeMilliseconds(),
        };
    }
}

[Description("One client.")]
internal sealed record AdminClientEnvelope([property: Description("The client.")] AdminClient Client);

[Description("A page of clients.")]
internal sealed record AdminClientList(
    [property: Description("The clients of this page, newest first.")] IReadOnlyList<AdminClient> Clients,
    Pagination Pagination);

/// <summary>What POST /admin/clients accepts (read as raw JSON by the metadata rules, described by this type).</summary>
[Description("A new client (seed 004): client_name and redirect_uris are required; scope defaults to \"openid profile email\".")]
[RequiredMembers(Names.ClientName, Names.RedirectUris)]
[WireExample("""
    {"client_name": "Billing service", "redirect_uris": ["https://billing.example.com/callback"],
     "grant_types": ["authorization_code", "refresh_token"], "scope": "openid profile email", "is_trusted": true}
    """)]
internal record AdminClientCreate : ClientMetadataRequest
{
    [JsonPropertyName(Names.IsTrusted), Description("Admin only (seed 004): a first-party client.")]
    public bool? IsTrusted { get; init; }

    [JsonPropertyName(Names.SkipConsent), Description("Admin only (seed 004): no consent screen.")]
    public bool? SkipConsent { get; init; }

    [JsonPropertyName(Names.AllowClaimsWithoutScope), Description("Admin only (seed 004): claims released without their scope.")]
    public bool? AllowClaimsWithoutScope { get; init; }

    [JsonPropertyName(Names.LifecycleManaged), Description(AdminClient.LifecycleManagedDescription)]
    public bool? LifecycleManaged { get; init; }
}

/// <summary>What PUT /admin/clients/{id} accepts: the members to change (read as raw JSON, described by this type).</summary>
[Description("The members to change; the others keep their values, and the result must satisfy every rule.")]
internal sealed record AdminClientChanges : AdminClientCreate
{
    [JsonPropertyName(AdminClientEndpoints.UpdateLocked), Description("Locks the client's own RFC 7592 updates.")]
    public bool? UpdateLocked { get; init; }

    [JsonPropertyName(AdminClientEndpoints.DeleteLocked), Description("Locks the client's own RFC 7592 delete.")]
    public bool? DeleteLocked { get; init; }
}
