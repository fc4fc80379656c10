using Names = ClientPlatform.Clients.Core.OAuth.ClientMetadataNames;

namespace ClientPlatform.Admin.Api.Clients;

/// <summary>
/// A client as the admin API shows it (seed 004 data model): every field, arrays and real booleans
/// (design.md §7 C-12), times in milliseconds (C-13), the secret masked unless it was just issued.
/// </summary>
internal static class AdminClientJson
{
    public const string Masked = "***masked***";

    /// <summary>When the secret replaced by the last rotation stops working (null: it already has, or there is none).</summary>
    public const string PreviousSecretExpiresAt = ClientPlatform.Clients.Core.Security.SecretRotationAudit.PreviousSecretExpiresAt;

    public const string InitialAccessTokenId = "initial_access_token_id";
    public const string RegistrationPolicy = "registration_policy";

    /// <summary>Members always answered, null when unset.</summary>
    public static readonly IReadOnlyList<string> NullableFields =
    [
        Names.ClientName, Names.ClientUri, Names.LogoUri, Names.TosUri, Names.PolicyUri, Names.Scope, Names.JwksUri,
        Names.SoftwareId, Names.SoftwareVersion, Names.SectorIdentifierUri, Names.DefaultMaxAge,
    ];

    public static JsonObject Build(Client client, string? newSecret = null)
    {
        // The metadata object is built fresh for this call, so it is completed in place rather than copied
        // member by member into another (a page of 20 clients built ~600 nodes twice).
        var json = ClientMetadataJson.ToJson(client.ToMetadata(), includeAdminFlags: true);
        json.Insert(0, Names.ClientId, client.ClientId);
        json.Insert(1, Names.ClientSecret, newSecret ?? (client.SecretHash is null ? null : Masked));
        foreach (var name in NullableFields)
            json.TryAdd(name, null);
        json[Names.PostLogoutRedirectUris] ??= new JsonArray();
        json[PreviousSecretExpiresAt] = client.PreviousSecretExpiresAt?.ToUnixTimeMilliseconds();
        // What binds the client's own changes (design.md §3): the token it registered with and that token's policy.
        json[InitialAccessTokenId] = client.InitialAccessTokenId;
        json[RegistrationPolicy] = client.RegistrationPolicy is { } policy ? JsonSerializer.SerializeToNode(policy) : null;
        json["update_locked"] = client.UpdateLocked;
        json["delete_locked"] = client.DeleteLocked;
        json["created_at"] = client.CreatedAt.ToUnixTimeMilliseconds();
        json["updated_at"] = client.UpdatedAt.ToUnixTimeMilliseconds();
        return json;
    }
}
