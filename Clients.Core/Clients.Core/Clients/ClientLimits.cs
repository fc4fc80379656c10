namespace ClientPlatform.Clients.Core;

/// <summary>Every size limit on client data, declared once: the schema, the validators and the tests use these.</summary>
public static class ClientLimits
{
    /// <summary>
    /// A client id: a GUID where this platform makes it, an https URL where the client is a Client ID Metadata Document
    /// (issue 35). 200, the audit log's id length, so that every audit row names such a client in full.
    /// </summary>
    public const int ClientIdMaxLength = Audit.AuditLimits.IdMaxLength;

    /// <summary>The ids this platform makes for its own records: admin keys, initial access tokens, trusted issuers.</summary>
    public const int RecordIdMaxLength = 64;
    public const int NameMaxLength = 200;
    public const int UriMaxLength = 2048;
    public const int ScopeMaxLength = 2000;
    public const int ShortValueMaxLength = 100;
    public const int SecretHashMaxLength = 100;
    public const int TokenHashMaxLength = 100;
    public const int JwksMaxLength = 65536;
    public const int SoftwareStatementMaxLength = 16384;
    public const int MaxJwksKeys = 20;
    public const int MaxRedirectUris = 100;
    public const int MaxContacts = 20;
    public const int ContactMaxLength = 320;
    public const int MaxGrantTypes = 10;

    /// <summary>RFC 9396 §10 <c>authorization_details_types</c>: at most this many, each a short value.</summary>
    public const int MaxAuthorizationDetailsTypes = 20;
    public const int MaxLocalizedValues = 50;
    public const int LanguageTagMaxLength = 35;
    public const int MaxDefaultMaxAgeSeconds = 31_536_000;
}
