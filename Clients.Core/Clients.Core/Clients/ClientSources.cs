namespace ClientPlatform.Clients.Core;

/// <summary>
/// How a client came to be (issue 34): what its lifecycle rules and the admin list's <c>source</c> filter go by. Set once,
/// when the client is made; never changed by an update.
/// </summary>
public static class ClientSources
{
    /// <summary>Registered at the open <c>POST /register</c> (RFC 7591), with neither a token nor a statement.</summary>
    public const string Dynamic = "dynamic";

    /// <summary>Registered with an initial access token (RFC 7591 §3).</summary>
    public const string InitialAccessToken = "initial_access_token";

    /// <summary>Registered with a software statement from a trusted issuer (RFC 7591 §2.3).</summary>
    public const string SoftwareStatement = "software_statement";

    /// <summary>Created by an administrator: never expires by a lifecycle rule, unless an administrator marked it <c>lifecycle_managed</c>.</summary>
    public const string Admin = "admin";

    /// <summary>
    /// A Client ID Metadata Document (draft-ietf-oauth-client-id-metadata-document, issue 35): the client id is the https
    /// URL of the client's own metadata, resolved for the authorization server and kept as its document says. No lifecycle
    /// rule applies: the next resolution would make it again.
    /// </summary>
    public const string MetadataDocument = "metadata_document";

    /// <summary>The sources registered through <c>/register</c>, to which lifecycle rules may apply.</summary>
    public static readonly IReadOnlyList<string> Registered = [Dynamic, InitialAccessToken, SoftwareStatement];

    /// <summary>The sources a lifecycle rule may name (<c>Lifecycle:Sources</c>).</summary>
    public static readonly IReadOnlyList<string> Expirable = [Dynamic, InitialAccessToken, SoftwareStatement, Admin];

    public static readonly IReadOnlyList<string> All = [Dynamic, InitialAccessToken, SoftwareStatement, Admin, MetadataDocument];

    /// <summary>The source of a registration: a statement outranks the token it came with.</summary>
    public static string OfRegistration(bool withStatement, bool withInitialAccessToken) =>
        withStatement ? SoftwareStatement : withInitialAccessToken ? InitialAccessToken : Dynamic;
}
