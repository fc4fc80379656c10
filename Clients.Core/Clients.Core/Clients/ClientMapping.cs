namespace ClientPlatform.Clients.Core;

/// <summary>Between the stored client and its metadata: the one place that knows both shapes.</summary>
public static class ClientMapping
{
    public static ClientMetadata ToMetadata(this Client c) => new()
    {
        RedirectUris = c.RedirectUris,
        PostLogoutRedirectUris = c.PostLogoutRedirectUris,
        TokenEndpointAuthMethod = c.TokenEndpointAuthMethod,
        GrantTypes = c.GrantTypes,
        ResponseTypes = c.ResponseTypes,
        ClientName = c.ClientName,
        ClientUri = c.ClientUri,
        LogoUri = c.LogoUri,
        Scope = c.Scope,
        Contacts = c.Contacts,
        TosUri = c.TosUri,
        PolicyUri = c.PolicyUri,
        JwksUri = c.JwksUri,
        Jwks = c.Jwks,
        SoftwareId = c.SoftwareId,
        SoftwareVersion = c.SoftwareVersion,
        Localized = c.LocalizedMetadata,
        ApplicationType = c.ApplicationType,
        SubjectType = c.SubjectType,
        SectorIdentifierUri = c.SectorIdentifierUri,
        IdTokenSignedResponseAlg = c.IdTokenSignedResponseAlg,
        RequireAuthTime = c.RequireAuthTime,
        DefaultMaxAge = c.DefaultMaxAge,
        RequirePushedAuthorizationRequests = c.RequirePushedAuthorizationRequests,
        DpopBoundAccessTokens = c.DpopBoundAccessTokens,
        TlsClientCertificateBoundAccessTokens = c.TlsClientCertificateBoundAccessTokens,
        TlsClientAuthSubjectDn = c.TlsClientAuthSubjectDn,
        TlsClientAuthSanDns = c.TlsClientAuthSanDns,
        TlsClientAuthSanUri = c.TlsClientAuthSanUri,
        TlsClientAuthSanIp = c.TlsClientAuthSanIp,
        TlsClientAuthSanEmail = c.TlsClientAuthSanEmail,
        AuthorizationDetailsTypes = c.AuthorizationDetailsTypes,
        IsTrusted = c.IsTrusted,
        SkipConsent = c.SkipConsent,
        AllowClaimsWithoutScope = c.AllowClaimsWithoutScope,
        LifecycleManaged = c.LifecycleManaged,
    };

    /// <summary>Replaces every metadata member of the client; credentials, locks and times are left alone.</summary>
    public static void Apply(this Client c, ClientMetadata m)
    {
        c.RedirectUris = [.. m.RedirectUris];
        c.PostLogoutRedirectUris = [.. m.PostLogoutRedirectUris];
        c.TokenEndpointAuthMethod = m.TokenEndpointAuthMethod;
        c.GrantTypes = [.. m.GrantTypes];
        c.ResponseTypes = [.. m.ResponseTypes];
        c.ClientName = m.ClientName;
        c.ClientUri = m.ClientUri;
        c.LogoUri = m.LogoUri;
        c.Scope = m.Scope;
        c.Contacts = [.. m.Contacts];
        c.TosUri = m.TosUri;
        c.PolicyUri = m.PolicyUri;
        c.JwksUri = m.JwksUri;
        c.Jwks = m.Jwks;
        c.SoftwareId = m.SoftwareId;
        c.SoftwareVersion = m.SoftwareVersion;
        c.LocalizedMetadata = new Dictionary<string, string>(m.Localized);
        c.ApplicationType = m.ApplicationType;
        c.SubjectType = m.SubjectType;
        c.SectorIdentifierUri = m.SectorIdentifierUri;
        c.IdTokenSignedResponseAlg = m.IdTokenSignedResponseAlg;
        c.RequireAuthTime = m.RequireAuthTime;
        c.DefaultMaxAge = m.DefaultMaxAge;
        c.RequirePushedAuthorizationRequests = m.RequirePushedAuthorizationRequests;
        c.DpopBoundAccessTokens = m.DpopBoundAccessTokens;
        c.TlsClientCertificateBoundAccessTokens = m.TlsClientCertificateBoundAccessTokens;
        c.TlsClientAuthSubjectDn = m.TlsClientAuthSubjectDn;
        c.TlsClientAuthSanDns = m.TlsClientAuthSanDns;
        c.TlsClientAuthSanUri = m.TlsClientAuthSanUri;
        c.TlsClientAuthSanIp = m.TlsClientAuthSanIp;
        c.TlsClientAuthSanEmail = m.TlsClientAuthSanEmail;
        c.AuthorizationDetailsTypes = [.. m.AuthorizationDetailsTypes];
        c.IsTrusted = m.IsTrusted;
        c.SkipConsent = m.SkipConsent;
        c.AllowClaimsWithoutScope = m.AllowClaimsWithoutScope;
        c.LifecycleManaged = m.LifecycleManaged;
    }
}
