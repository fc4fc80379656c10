namespace ClientPlatform.Clients.Core.Registration;

/// <summary>How registration treats <c>software_statement</c> (setting <c>Registration:SoftwareStatements</c>; RFC 7591 §3.1.1).</summary>
public static class SoftwareStatementModes
{
    /// <summary>Verified when present; a registration without one is accepted.</summary>
    public const string Optional = "optional";

    /// <summary>Every registration must carry a statement from a trusted issuer.</summary>
    public const string Required = "required";

    /// <summary>The member is ignored like any unknown one (RFC 7591 §2: "MUST ignore").</summary>
    public const string Ignored = "ignored";
}
