using ClientPlatform.Clients.Core;
using ClientPlatform.Clients.Core.OAuth;
using Microsoft.OpenApi;
using static ClientPlatform.Clients.Infrastructure.OpenApi.ApiSchemas;
using Names = ClientPlatform.Clients.Core.OAuth.ClientMetadataNames;

namespace ClientPlatform.Clients.Infrastructure.OpenApi;

/// <summary>
/// The client metadata members (RFC 7591 §2, OpenID Connect Registration §2, seed 004) as schemas, built from the
/// same names, limits and allowed values <see cref="ClientMetadataValidator"/> enforces, so the documents of both
/// APIs describe the one rule set.
/// </summary>
public static class ClientMetadataSchemas
{
    /// <summary>The members a client registers (RFC 7591 §2); with <paramref name="admin"/>, the admin-only flags too.</summary>
    public static Dictionary<string, IOpenApiSchema> Members(bool admin)
    {
        var members = new Dictionary<string, IOpenApiSchema>
        {
            [Names.RedirectUris] = Strings("Redirection URIs (RFC 7591 §2): absolute, no fragment; https, a loopback http URI, or a private-use scheme for native clients.",
                ClientLimits.MaxRedirectUris, Uri("A redirection URI")),
            [Names.TokenEndpointAuthMethod] = OneOf("How the client authenticates at the token endpoint (RFC 7591 §2). Default client_secret_basic.",
                AuthMethods.Supported.Order(StringComparer.Ordinal)),
            [Names.GrantTypes] = Strings("Grant types (RFC 7591 §2); implicit and password are refused (RFC 9700). Default [\"authorization_code\"].",
                ClientLimits.MaxGrantTypes, OneOf("A grant type", GrantTypes.Supported.Order(StringComparer.Ordinal))),
            [Names.ResponseTypes] = Strings("Response types (RFC 7591 §2), consistent with grant_types. Default [\"code\"].",
                ClientLimits.MaxGrantTypes, OneOf("A response type", ResponseTypes.Supported)),
            [Names.ClientName] = String("Human-readable name (RFC 7591 §2); client_name#<language tag> gives a translation (§2.2).", ClientLimits.NameMaxLength),
            [Names.ClientUri] = Uri("Web page of the client (http or https)."),
            [Names.LogoUri] = Uri("Logo of the client (http or https)."),
            [Names.Scope] = String("Space-separated scope tokens the client may ask for (RFC 6749 §3.3).", ClientLimits.ScopeMaxLength),
            [Names.Contacts] = Strings("People responsible for the client, usually e-mail addresses.", ClientLimits.MaxContacts, maxLength: ClientLimits.ContactMaxLength),
            [Names.TosUri] = Uri("Terms of service (http or https)."),
            [Names.PolicyUri] = Uri("Privacy policy (http or https)."),
            [Names.JwksUri] = Uri("URL of the client's JWK Set (https); not together with jwks (RFC 7591 §2)."),
            [Names.Jwks] = AnyObject($"The client's JWK Set by value (RFC 7517): public keys only, at most {ClientLimits.MaxJwksKeys}; not together with jwks_uri."),
            [Names.SoftwareId] = String("Identifier of the software, the same for every instance (RFC 7591 §2).", ClientLimits.ShortValueMaxLength),
            [Names.SoftwareVersion] = String("Version of the software (RFC 7591 §2).", ClientLimits.ShortValueMaxLength),
            [Names.SoftwareStatement] = String("A signed JWT of metadata from a trusted issuer (RFC 7591 §2.3); its claims win over the request's.",
                ClientLimits.SoftwareStatementMaxLength),
            [Names.PostLogoutRedirectUris] = Strings("Where the user agent may go after logout (OpenID Connect RP-Initiated Logout).",
                ClientLimits.MaxRedirectUris, Uri("A post-logout redirection URI")),
            [Names.ApplicationType] = OneOf("OpenID Connect Registration §2. Default web.", ClientMetadataValidator.ApplicationTypes),
            [Names.SubjectType] = OneOf("OpenID Connect Registration §2.", ClientMetadataValidator.SubjectTypes),
            [Names.SectorIdentifierUri] = Uri("https URL of the redirect URIs a pairwise subject is computed over (OpenID Connect Registration §2)."),
            [Names.IdTokenSignedResponseAlg] = OneOf("JWS algorithm of the ID tokens for this client.", ClientMetadataValidator.SigningAlgorithms),
            [Names.RequireAuthTime] = Boolean("Whether ID tokens must carry auth_time."),
            [Names.DefaultMaxAge] = Integer("Default maximum authentication age, in seconds.", 0, ClientLimits.MaxDefaultMaxAgeSeconds),
            [Names.RequirePushedAuthorizationRequests] = Boolean("Whether authorization requests must be pushed (RFC 9126 §6)."),
        };
        if (admin)
        {
            members[Names.IsTrusted] = Boolean("Admin only (seed 004): a first-party client.");
            members[Names.SkipConsent] = Boolean("Admin only (seed 004): no consent screen.");
            members[Names.AllowClaimsWithoutScope] = Boolean("Admin only (seed 004): claims released without their scope.");
        }
        return members;
    }

    /// <summary>RFC 7591 §2.2: <c>client_name#fr</c> and the like, for the human-readable members.</summary>
    public static Dictionary<string, IOpenApiSchema> LocalizedMembers() => new()
    {
        [$"^({string.Join('|', Names.Localizable)})#[A-Za-z0-9-]{{1,{ClientLimits.LanguageTagMaxLength}}}$"] =
            String("A human-readable member in the language its BCP 47 tag names (RFC 7591 §2.2).", ClientLimits.UriMaxLength),
    };

    /// <summary>The metadata a client sends (RFC 7591 §3.1, RFC 7592 §2.2).</summary>
    public static OpenApiSchema Request(string description, bool admin, params string[] required)
    {
        var schema = Object(description, Members(admin), required);
        schema.PatternProperties = LocalizedMembers();
        return schema;
    }
}
