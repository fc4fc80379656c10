using System.Text.Json;
using System.Text.RegularExpressions;
using ClientPlatform.Clients.Core.OAuth;
using Names = ClientPlatform.Clients.Core.OAuth.ClientMetadataNames;

namespace ClientPlatform.Clients.Core;

/// <summary>
/// Every rule on client metadata, in one place, for both APIs (design.md §1). A pure function: JSON in,
/// valid metadata or the first broken rule out (members in RFC 7591 §2 order), the field named in the
/// description. Each API only chooses the wire format of the error.
/// </summary>
public static partial class ClientMetadataValidator
{
    public static IReadOnlyList<string> SubjectTypes { get; } = ["public", "pairwise"];
    public static IReadOnlyList<string> ApplicationTypes { get; } = ["web", "native"];
    public static IReadOnlyList<string> SigningAlgorithms { get; } = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"];

    /// <summary>
    /// Validates a whole metadata document (RFC 7591 registration, RFC 7592 full replacement, admin create).
    /// Omitted members get the RFC 7591 §2 defaults. Admin-only flags are read only from an administrator.
    /// </summary>
    public static MetadataResult Validate(JsonElement body, MetadataSource source, RedirectUriPolicy redirectUris = RedirectUriPolicy.Permissive) =>
        Validate(body, source, defaults: new ClientMetadata(), redirectPolicy: redirectUris);

    /// <summary>
    /// Validates an administrator's partial update (seed 004): members that are present replace the
    /// current values, the rest stay as they are, and the result must satisfy every rule as a whole.
    /// </summary>
    public static MetadataResult ValidateChanges(JsonElement body, ClientMetadata current, RedirectUriPolicy redirectUris = RedirectUriPolicy.Permissive) =>
        Validate(body, MetadataSource.Admin, current, redirectPolicy: redirectUris);

    private static MetadataResult Validate(JsonElement body, MetadataSource source, ClientMetadata defaults, RedirectUriPolicy redirectPolicy)
    {
        if (body.ValueKind != JsonValueKind.Object)
            return MetadataResult.Invalid(OAuthErrors.InvalidRequest, "the request body must be a JSON object");
        if (!JsonText.IsValidUnicode(body))
            return MetadataResult.Invalid(OAuthErrors.InvalidRequest, "the request body holds text that is not valid Unicode");
        if (RepeatedMember(body) is { } repeated)
            return MetadataResult.Invalid(OAuthErrors.InvalidRequest, repeated);

        var read = new MetadataReader(body);
        var redirectUris = read.Strings(Names.RedirectUris, ClientLimits.MaxRedirectUris, ClientLimits.UriMaxLength, OAuthErrors.InvalidRedirectUri);
        CheckEach(read, Names.RedirectUris, redirectUris, RedirectUriRules.Check, OAuthErrors.InvalidRedirectUri);
        var authMethod = read.String(Names.TokenEndpointAuthMethod, ClientLimits.ShortValueMaxLength);
        var grantTypes = read.Strings(Names.GrantTypes, ClientLimits.MaxGrantTypes, ClientLimits.ShortValueMaxLength);
        var responseTypes = read.Strings(Names.ResponseTypes, ClientLimits.MaxGrantTypes, ClientLimits.ShortValueMaxLength);
        var clientName = read.String(Names.ClientName, ClientLimits.NameMaxLength);
        var clientUri = WebUrl(read, Names.ClientUri);
        var logoUri = WebUrl(read, Names.LogoUri);
        var scope = read.String(Names.Scope, ClientLimits.ScopeMaxLength);
        if (scope is not null && !ScopeSyntax().IsMatch(scope))
            read.Fail<string>(OAuthErrors.InvalidClientMetadata, $"{Names.Scope}: must be scope tokens separated by single spaces (RFC 6749 §3.3)");
        var contacts = read.Strings(Names.Contacts, ClientLimits.MaxContacts, ClientLimits.ContactMaxLength);
        CheckEach(read, Names.Contacts, contacts, c => string.IsNullOrWhiteSpace(c) ? "must not be empty" : null, OAuthErrors.InvalidClientMetadata);
        var tosUri = WebUrl(read, Names.TosUri);
        var policyUri = WebUrl(read, Names.PolicyUri);
        var jwksUri = WebUrl(read, Names.JwksUri, httpsOnly: true);
        var jwks = read.Element(Names.Jwks);
        if (jwks is { } set && JwksRules.Check(set) is { } jwksProblem)
            read.Fail<string>(OAuthErrors.InvalidClientMetadata, $"{Names.Jwks}: {jwksProblem}");
        var softwareId = read.String(Names.SoftwareId, ClientLimits.ShortValueMaxLength);
        var softwareVersion = read.String(Names.SoftwareVersion, ClientLimits.ShortValueMaxLength);
        var postLogout = read.Strings(Names.PostLogoutRedirectUris, ClientLimits.MaxRedirectUris, ClientLimits.UriMaxLength);
        CheckEach(read, Names.PostLogoutRedirectUris, postLogout, RedirectUriRules.Check, OAuthErrors.InvalidClientMetadata);
        var applicationType = OneOf(read, Names.ApplicationType, ApplicationTypes);
        var subjectType = OneOf(read, Names.SubjectType, SubjectTypes);
        var sectorUri = WebUrl(read, Names.SectorIdentifierUri, httpsOnly: true);
        var signingAlg = OneOf(read, Names.IdTokenSignedResponseAlg, SigningAlgorithms);
        var requireAuthTime = read.Bool(Names.RequireAuthTime);
        var defaultMaxAge = read.Int(Names.DefaultMaxAge, 0, ClientLimits.MaxDefaultMaxAgeSeconds);
        var requirePar = read.Bool(Names.RequirePushedAuthorizationRequests);
        var dpopBound = read.Bool(Names.DpopBoundAccessTokens);
        var certificateBound = read.Bool(Names.TlsClientCertificateBoundAccessTokens);
        var subjects = Names.TlsClientAuthSubjects.ToDictionary(name => name, name => read.String(name, ClientLimits.UriMaxLength));
        foreach (var (name, value) in subjects)
            if (value is not null && !read.Failed && MutualTlsRules.CheckSubject(name, value) is { } subjectProblem)
                read.Fail<string>(OAuthErrors.InvalidClientMetadata, $"{name}: {subjectProblem}");
        var detailsTypes = read.Strings(Names.AuthorizationDetailsTypes, ClientLimits.MaxAuthorizationDetailsTypes, ClientLimits.ShortValueMaxLength);
        CheckEach(read, Names.AuthorizationDetailsTypes, detailsTypes, t => string.IsNullOrWhiteSpace(t) ? "must not be empty" : null, OAuthErrors.InvalidClientMetadata);
        var localized = Localized(read);

        // Admin-only flags (seed 004): from a client they are ignored, so it cannot raise its own trust.
        var admin = source == MetadataSource.Admin;
        var isTrusted = admin ? read.Bool(Names.IsTrusted) : null;
        var skipConsent = admin ? read.Bool(Names.SkipConsent) : null;
        var allowClaims = admin ? read.Bool(Names.AllowClaimsWithoutScope) : null;
        var lifecycleManaged = admin ? read.Bool(Names.LifecycleManaged) : null;
        if (read.Error is { } typeError)
            return new MetadataResult(null, typeError);

        var grants = grantTypes ?? defaults.GrantTypes;
        var metadata = defaults with
        {
            RedirectUris = redirectUris ?? defaults.RedirectUris,
            TokenEndpointAuthMethod = authMethod ?? defaults.TokenEndpointAuthMethod,
            GrantTypes = grants,
            // Omitted response types follow the grants (RFC 7591 §2.1), so a client_credentials client needs none.
            ResponseTypes = responseTypes ?? (read.Has(Names.GrantTypes) ? DefaultResponseTypes(grants) : defaults.ResponseTypes),
            ClientName = Keep(read, Names.ClientName, clientName, defaults.ClientName),
            ClientUri = Keep(read, Names.ClientUri, clientUri, defaults.ClientUri),
            LogoUri = Keep(read, Names.LogoUri, logoUri, defaults.LogoUri),
            Scope = Keep(read, Names.Scope, scope, defaults.Scope),
            Contacts = contacts ?? defaults.Contacts,
            TosUri = Keep(read, Names.TosUri, tosUri, defaults.TosUri),
            PolicyUri = Keep(read, Names.PolicyUri, policyUri, defaults.PolicyUri),
            JwksUri = Keep(read, Names.JwksUri, jwksUri, defaults.JwksUri),
            Jwks = jwks is { } j ? j.GetRawText() : defaults.Jwks,
            SoftwareId = Keep(read, Names.SoftwareId, softwareId, defaults.SoftwareId),
            SoftwareVersion = Keep(read, Names.SoftwareVersion, softwareVersion, defaults.SoftwareVersion),
            PostLogoutRedirectUris = postLogout ?? defaults.PostLogoutRedirectUris,
            Localized = localized ?? defaults.Localized,
            ApplicationType = applicationType ?? defaults.ApplicationType,
            SubjectType = subjectType ?? defaults.SubjectType,
            SectorIdentifierUri = Keep(read, Names.SectorIdentifierUri, sectorUri, defaults.SectorIdentifierUri),
            IdTokenSignedResponseAlg = signingAlg ?? defaults.IdTokenSignedResponseAlg,
            RequireAuthTime = requireAuthTime ?? defaults.RequireAuthTime,
            DefaultMaxAge = read.Has(Names.DefaultMaxAge) ? defaultMaxAge : defaults.DefaultMaxAge,
            RequirePushedAuthorizationRequests = requirePar ?? defaults.RequirePushedAuthorizationRequests,
            DpopBoundAccessTokens = dpopBound ?? defaults.DpopBoundAccessTokens,
            TlsClientCertificateBoundAccessTokens = certificateBound ?? defaults.TlsClientCertificateBoundAccessTokens,
            TlsClientAuthSubjectDn = Keep(read, Names.TlsClientAuthSubjectDn, subjects[Names.TlsClientAuthSubjectDn], defaults.TlsClientAuthSubjectDn),
            TlsClientAuthSanDns = Keep(read, Names.TlsClientAuthSanDns, subjects[Names.TlsClientAuthSanDns], defaults.TlsClientAuthSanDns),
            TlsClientAuthSanUri = Keep(read, Names.TlsClientAuthSanUri, subjects[Names.TlsClientAuthSanUri], defaults.TlsClientAuthSanUri),
            TlsClientAuthSanIp = Keep(read, Names.TlsClientAuthSanIp, subjects[Names.TlsClientAuthSanIp], defaults.TlsClientAuthSanIp),
            TlsClientAuthSanEmail = Keep(read, Names.TlsClientAuthSanEmail, subjects[Names.TlsClientAuthSanEmail], defaults.TlsClientAuthSanEmail),
            AuthorizationDetailsTypes = detailsTypes ?? defaults.AuthorizationDetailsTypes,
            IsTrusted = isTrusted ?? defaults.IsTrusted,
            SkipConsent = skipConsent ?? defaults.SkipConsent,
            AllowClaimsWithoutScope = allowClaims ?? defaults.AllowClaimsWithoutScope,
            LifecycleManaged = lifecycleManaged ?? defaults.LifecycleManaged,
        };
        if (ClientMetadataConsistency.Check(metadata) is { } error)
            return new MetadataResult(null, error);
        if (redirectPolicy == RedirectUriPolicy.Strict)
            for (var i = 0; i < metadata.RedirectUris.Count; i++)
                if (RedirectUriRules.CheckFor(metadata.RedirectUris[i], metadata.ApplicationType) is { } problem)
                    return MetadataResult.Invalid(OAuthErrors.InvalidRedirectUri, $"{Names.RedirectUris}[{i}]: {problem}");
        return MetadataResult.Valid(metadata);
    }

    /// <summary>A member named twice says two things, and which one counts would be the parser's choice: "name: appears more than once".</summary>
    public static string? RepeatedMember(JsonElement body) =>
        body.EnumerateObject().GroupBy(m => m.Name).FirstOrDefault(g => g.Count() > 1) is { } repeated ? $"{repeated.Key}: appears more than once" : null;

    private static IReadOnlyList<string> DefaultResponseTypes(IReadOnlyList<string> grants) =>
        grants.Contains(GrantTypes.AuthorizationCode) ? [ResponseTypes.Code] : [];

    // For a partial update, a member that is absent keeps the current value; for a whole document the
    // defaults are empty, so absent means removed (RFC 7592 §2.2).
    private static string? Keep(MetadataReader read, string name, string? value, string? current) => read.Has(name) ? value : current;

    private static string? WebUrl(MetadataReader read, string name, bool httpsOnly = false)
    {
        var value = read.String(name, ClientLimits.UriMaxLength);
        if (value is not null && RedirectUriRules.CheckWebUrl(value, httpsOnly) is { } problem)
            return read.Fail<string>(OAuthErrors.InvalidClientMetadata, $"{name}: {problem}");
        return value;
    }

    private static string? OneOf(MetadataReader read, string name, IReadOnlyList<string> allowed)
    {
        var value = read.String(name, ClientLimits.ShortValueMaxLength);
        if (value is not null && !allowed.Contains(value, StringComparer.Ordinal))
            return read.Fail<string>(OAuthErrors.InvalidClientMetadata, $"{name}: must be one of {string.Join(", ", allowed)}");
        return value;
    }

    private static void CheckEach(MetadataReader read, string name, List<string>? values, Func<string, string?> rule, string error)
    {
        for (var i = 0; values is not null && i < values.Count && !read.Failed; i++)
            if (rule(values[i]) is { } problem)
                read.Fail<string>(error, $"{name}[{i}]: {problem}");
    }

    /// <summary>RFC 7591 §2.2: <c>client_name#fr</c> and the like, for the human-readable members only.</summary>
    private static Dictionary<string, string>? Localized(MetadataReader read)
    {
        Dictionary<string, string>? result = null;
        foreach (var member in read.Members.Where(m => m.Name.Contains('#')))
        {
            var hash = member.Name.IndexOf('#');
            var (field, tag) = (member.Name[..hash], member.Name[(hash + 1)..]);
            if (!Names.Localizable.Contains(field) || member.Value.ValueKind == JsonValueKind.Null)
                continue; // not metadata we understand: ignored (RFC 7591 §2)
            if (!LanguageTag().IsMatch(tag))
                return read.Fail<Dictionary<string, string>>(OAuthErrors.InvalidClientMetadata, $"{member.Name}: '{tag}' is not a language tag (BCP 47)");
            var isUrl = field != Names.ClientName;
            var value = read.String(member.Name, isUrl ? ClientLimits.UriMaxLength : ClientLimits.NameMaxLength);
            if (value is not null && isUrl && RedirectUriRules.CheckWebUrl(value) is { } problem)
                return read.Fail<Dictionary<string, string>>(OAuthErrors.InvalidClientMetadata, $"{member.Name}: {problem}");
            if (value is null)
                return null;
            result ??= [];
            if (result.Count == ClientLimits.MaxLocalizedValues)
                return read.Fail<Dictionary<string, string>>(OAuthErrors.InvalidClientMetadata, $"at most {ClientLimits.MaxLocalizedValues} language-tagged values");
            result[member.Name] = value;
        }
        return result;
    }

    // RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ), separated by single spaces.
    [GeneratedRegex(@"^[\x21\x23-\x5B\x5D-\x7E]+( [\x21\x23-\x5B\x5D-\x7E]+)*$")]
    private static partial Regex ScopeSyntax();

    [GeneratedRegex(@"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8}){0,4}$")]
    private static partial Regex LanguageTag();
}
