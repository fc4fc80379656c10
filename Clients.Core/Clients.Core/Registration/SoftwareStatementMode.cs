namespace ClientPlatform.Clients.Core.Registration;

/// <summary>
/// How registration treats <c>software_statement</c> (setting <c>Registration:SoftwareStatements</c>, <c>optional</c>,
/// <c>required</c> or <c>ignored</c>; RFC 7591 §3.1.1).
/// </summary>
public enum SoftwareStatementMode
{
    /// <summary>Verified when present; a registration without one is accepted.</summary>
    Optional = 1,

    /// <summary>Every registration must carry a statement from a trusted issuer.</summary>
    Required,

    /// <summary>The member is ignored like any unknown one (RFC 7591 §2: "MUST ignore").</summary>
    Ignored,
}
