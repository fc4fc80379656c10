using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;

namespace ClientPlatform.Admin.Api.Auth;

[Description("A new admin key.")]
internal sealed record AdminKeyCreate : IAdminRequest<AdminKeyCreate>
{
    private static readonly string NameRule = $"name: required, at most {ClientLimits.NameMaxLength} characters";
    private static readonly string ScopesRule = $"scopes: required, from {string.Join(", ", AdminScopes.All)}";
    private const string ExpiresRule = "expires_at: must be a future time in Unix milliseconds";

    [Description("What the key is for."), Required, MaxLength(ClientLimits.NameMaxLength)]
    public string Name { get; set; } = "";

    [Description("What the key may do."), Required, MinLength(1), AdminScopeValues]
    public IReadOnlyList<string> Scopes { get; set; } = [];

    [Description("When it stops working (Unix time, milliseconds); absent or null: never.")]
    public long? ExpiresAt { get; set; }

    public static string Shape => AdminRequestBody.NotAJsonObject;

    public static string RuleOf(string path) => path.Split('.', '[')[0] switch
    {
        "name" => NameRule,
        "scopes" => ScopesRule,
        "expires_at" => ExpiresRule,
        _ => Shape,
    };

    public string? Problem(DateTimeOffset now) =>
        Name.Trim().Length == 0 || Name.Length > ClientLimits.NameMaxLength ? NameRule
        // An absent member is empty here; a null one, or one of another JSON type, was refused with its rule (AdminBody).
        : Scopes.Count == 0 || Scopes.Any(s => !AdminScopes.All.Contains(s)) ? ScopesRule
        : ExpiresAt is { } ms && ms <= now.ToUnixTimeMilliseconds() ? ExpiresRule
        : null;
}

[Description("An admin key (never its secret).")]
internal record AdminKey
{
    [Description("Its id.")]
    public required string Id { get; init; }

    [Description("What it is for.")]
    public required string Name { get; init; }

    [Description("What the key may do."), AdminScopeValues]
    public required IReadOnlyList<string> Scopes { get; init; }

    [Description("When it stops working (Unix time, milliseconds); null: never.")]
    public required long? ExpiresAt { get; init; }

    [Description("Created (Unix time, milliseconds).")]
    public required long CreatedAt { get; init; }

    [Description("Who created it.")]
    public required string? CreatedBy { get; init; }

    [Description("When it was revoked (Unix time, milliseconds); null: it was not.")]
    public required long? RevokedAt { get; init; }

    public static AdminKey From(AdminApiKey key) => new()
    {
        Id = key.Id, Name = key.Name, Scopes = key.Scopes, ExpiresAt = key.ExpiresAt?.ToUnixTimeMilliseconds(),
        CreatedAt = key.CreatedAt.ToUnixTimeMilliseconds(), CreatedBy = key.CreatedBy, RevokedAt = key.RevokedAt?.ToUnixTimeMilliseconds(),
    };
}

[Description("A new admin key with its secret, shown once.")]
internal sealed record AdminKeyCreated : AdminKey
{
    public AdminKeyCreated()
    {
    }

    [SetsRequiredMembers]
    public AdminKeyCreated(AdminKey key, string secret) : base(key) => Key = secret;

    [Description("The key: send it as Authorization: Bearer. Only its SHA-256 is kept.")]
    public required string Key { get; init; }
}

[Description("Admin keys, newest first.")]
internal sealed record AdminKeyList([property: Description("The keys.")] IReadOnlyList<AdminKey> Keys);

/// <summary>The admin scopes, as a member's allowed values (its schema's enum).</summary>
internal sealed class AdminScopeValuesAttribute() : AllowedValuesAttribute([.. AdminScopes.All]);
