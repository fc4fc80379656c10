using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using ClientPlatform.Clients.Core.Registration;

namespace ClientPlatform.Admin.Api.Registration;

/// <summary>
/// The body of <c>POST /admin/initial-access-tokens</c>: <c>name</c>, <c>expires_in</c> (seconds) or
/// <c>expires_at</c> (Unix ms), <c>max_uses</c>, and an optional <c>policy</c>. Each problem is named as "member: rule".
/// </summary>
[Description("A new initial access token (RFC 7591 §3).")]
internal sealed record InitialAccessTokenIssue : IAdminRequest<InitialAccessTokenIssue>
{
    private static readonly string NameRule = $"name: a non-empty string of at most {ClientLimits.NameMaxLength} characters";
    private static readonly string MaxUsesRule = $"max_uses: an integer from 1 to {InitialAccessTokens.MaxUsesLimit}";
    private const long MaxSeconds = InitialAccessTokens.MaxLifetimeSeconds;
    private static readonly string ExpiresInRule = $"expires_in: whole seconds, from 1 to {MaxSeconds}";
    private static readonly string ExpiresAtRule =
        $"expires_at: a future time in Unix milliseconds, at most {InitialAccessTokens.MaxLifetime.TotalDays:0} days ahead";
    private const string BothExpiries = "expires_in, expires_at: give one of them, not both";

    [Description("What it is for."), MaxLength(ClientLimits.NameMaxLength)]
    public string? Name { get; set; }

    [Description("Registrations it allows; absent: one."), Range(1, InitialAccessTokens.MaxUsesLimit)]
    public int? MaxUses { get; set; }

    [Description("Lifetime in seconds, at most a year (or expires_at; neither: a week)."), Range(1, InitialAccessTokens.MaxLifetimeSeconds)]
    public long? ExpiresIn { get; set; }

    [Description("When it stops working (Unix time, milliseconds; or expires_in).")]
    public long? ExpiresAt { get; set; }

    [Description("What registrations the token allows, and what binds the clients registered with it for life.")]
    public TokenPolicy? Policy { get; set; }

    public static string Shape => AdminRequestBody.NotAJsonObject;

    public static string RuleOf(string path) => path.Split('.', '[')[0] switch
    {
        "name" => NameRule,
        "max_uses" => MaxUsesRule,
        "expires_in" => ExpiresInRule,
        "expires_at" => ExpiresAtRule,
        "policy" => TokenPolicy.RuleOf(path),
        _ => Shape,
    };

    public string? Problem(DateTimeOffset now) =>
        Name is not null && (Name.Trim().Length == 0 || Name.Length > ClientLimits.NameMaxLength) ? NameRule
        : ExpiresIn is not null && ExpiresAt is not null ? BothExpiries
        : ExpiresIn is < 1 || ExpiresIn > MaxSeconds ? ExpiresInRule
        : ExpiresAt is { } ms && (ms <= now.ToUnixTimeMilliseconds() || ms > (now + InitialAccessTokens.MaxLifetime).ToUnixTimeMilliseconds()) ? ExpiresAtRule
        : MaxUses is < 1 or > InitialAccessTokens.MaxUsesLimit ? MaxUsesRule
        : Policy?.Problem();

    /// <summary>No body: a token of the defaults, as <c>{}</c>.</summary>
    public static InitialAccessTokenIssue? WithoutBody => new();

    /// <summary>When the token stops working: as asked, or a week from now.</summary>
    public DateTimeOffset ExpiryFrom(DateTimeOffset now) =>
        ExpiresIn is { } seconds ? now.AddSeconds(seconds)
        : ExpiresAt is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
        : now + InitialAccessTokens.DefaultLifetime;
}

/// <summary>
/// A token's policy on the wire: each list optional (absent or null allows any), each entry checked here, so that
/// the policy a token binds its clients with is well formed (<see cref="RegistrationPolicy"/> applies it).
/// </summary>
[Description("What registrations the token allows, and what binds the clients registered with it for life (each list optional: absent or null allows any).")]
internal sealed partial record TokenPolicy
{
    private const int EntryMaxLength = 255;

    [Description("Allowed grant types."), MaxLength(RegistrationPolicy.MaxEntries)]
    public IReadOnlyList<string>? GrantTypes { get; set; }

    [Description("Allowed redirect URI hosts; *.example.com allows any subdomain."), MaxLength(RegistrationPolicy.MaxEntries)]
    public IReadOnlyList<string>? RedirectUriHosts { get; set; }

    [Description("Allowed scopes."), MaxLength(RegistrationPolicy.MaxEntries)]
    public IReadOnlyList<string>? Scopes { get; set; }

    private static readonly (string Member, string Rule)[] Rules =
    [
        ("grant_types", $"one of {string.Join(", ", ClientPlatform.Clients.Core.OAuth.GrantTypes.Supported)}"),
        ("redirect_uri_hosts", "a host name, or *. and a domain (e.g. app.example.com, *.example.com)"),
        ("scopes", "a scope token (RFC 6749 §3.3: no spaces or quotes)"),
    ];

    private const string ShapeRule = "policy: an object with grant_types, redirect_uri_hosts and scopes (each optional)";

    /// <summary>The rule for a JSON type error at <paramref name="path"/> ("policy.scopes[2]").</summary>
    public static string RuleOf(string path)
    {
        var member = path.Split('.', '[') is [_, var name, ..] ? name : null;
        return Rules.FirstOrDefault(r => r.Member == member) is { Member: not null } rule
            ? path.Contains('[') ? EntryRule(rule) : ListRule(rule.Member)
            : ShapeRule;
    }

    public string? Problem() =>
        Check(GrantTypes, 0, g => ClientPlatform.Clients.Core.OAuth.GrantTypes.Supported.Contains(g))
        ?? Check(RedirectUriHosts, 1, h => HostPattern().IsMatch(h))
        ?? Check(Scopes, 2, s => ScopeToken().IsMatch(s));

    public RegistrationPolicy ToPolicy() => new(Distinct(GrantTypes), Distinct(RedirectUriHosts), Distinct(Scopes));

    public static TokenPolicy From(IReadOnlyList<string>? grantTypes, IReadOnlyList<string>? redirectUriHosts, IReadOnlyList<string>? scopes) =>
        new() { GrantTypes = grantTypes, RedirectUriHosts = redirectUriHosts, Scopes = scopes };

    private static string? Check(IReadOnlyList<string>? list, int rule, Func<string, bool> valid) =>
        list is null ? null
        : list.Count > RegistrationPolicy.MaxEntries ? ListRule(Rules[rule].Member)
        // An entry may be null at run time: the wire's nullability is checked for members, not for list entries.
        : list.Any(e => e is null || e.Length > EntryMaxLength || !valid(e)) ? EntryRule(Rules[rule])
        : null;

    private static string ListRule(string member) => $"policy.{member}: an array of at most {RegistrationPolicy.MaxEntries} strings";

    private static string EntryRule((string Member, string Rule) rule) => $"policy.{rule.Member}: each entry must be {rule.Rule}";

    private static IReadOnlyList<string>? Distinct(IReadOnlyList<string>? list) => list is null ? null : [.. list.Distinct(StringComparer.Ordinal)];

    // RFC 1123 labels, optionally behind "*." for any subdomain.
    [GeneratedRegex(@"^(\*\.)?([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$")]
    private static partial Regex HostPattern();

    // RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E )
    [GeneratedRegex(@"^[\x21\x23-\x5B\x5D-\x7E]+$")]
    private static partial Regex ScopeToken();
}

[Description("An initial access token (never the token itself).")]
internal record InitialAccessTokenView
{
    [Description("Its id.")]
    public required string Id { get; init; }

    [Description("What it is for.")]
    public required string? Name { get; init; }

    [Description("Whether it can be used."), AllowedValues("active", "expired", "used_up", "revoked")]
    public required string Status { get; init; }

    [Description("When it stops working (Unix time, milliseconds).")]
    public required long ExpiresAt { get; init; }

    [Description("Registrations it allows.")]
    public required int MaxUses { get; init; }

    [Description("Registrations left.")]
    public required int RemainingUses { get; init; }

    [Description("What registrations it allows; each list null: any.")]
    public required TokenPolicy Policy { get; init; }

    [Description("Issued (Unix time, milliseconds).")]
    public required long CreatedAt { get; init; }

    [Description("Who issued it.")]
    public required string? CreatedBy { get; init; }

    [Description("Last registration with it (Unix time, milliseconds); null: none yet.")]
    public required long? LastUsedAt { get; init; }

    [Description("When it was revoked (Unix time, milliseconds); null: it was not.")]
    public required long? RevokedAt { get; init; }

    public static InitialAccessTokenView From(InitialAccessToken token, DateTimeOffset now) => new()
    {
        Id = token.Id,
        Name = token.Name,
        Status = token.RevokedAt is not null ? "revoked" : token.ExpiresAt <= now ? "expired" : token.RemainingUses == 0 ? "used_up" : "active",
        ExpiresAt = token.ExpiresAt.ToUnixTimeMilliseconds(),
        MaxUses = token.MaxUses,
        RemainingUses = token.RemainingUses,
        Policy = TokenPolicy.From(token.AllowedGrantTypes, token.AllowedRedirectUriHosts, token.AllowedScopes),
        CreatedAt = token.CreatedAt.ToUnixTimeMilliseconds(),
        CreatedBy = token.CreatedBy,
        LastUsedAt = token.LastUsedAt?.ToUnixTimeMilliseconds(),
        RevokedAt = token.RevokedAt?.ToUnixTimeMilliseconds(),
    };
}

[Description("A new initial access token, shown once.")]
internal sealed record InitialAccessTokenIssued : InitialAccessTokenView
{
    public InitialAccessTokenIssued()
    {
    }

    [System.Diagnostics.CodeAnalysis.SetsRequiredMembers]
    public InitialAccessTokenIssued(InitialAccessTokenView token, string secret) : base(token) => Token = secret;

    [Description("The token: POST /register with Authorization: Bearer. Only its SHA-256 is kept.")]
    public required string Token { get; init; }
}

[Description("Initial access tokens, newest first.")]
internal sealed record InitialAccessTokenList([property: Description("The tokens.")] IReadOnlyList<InitialAccessTokenView> InitialAccessTokens);
