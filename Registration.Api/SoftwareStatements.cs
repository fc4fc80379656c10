namespace ClientPlatform.Registration.Api;

/// <summary>A registration's <c>software_statement</c> (RFC 7591 §3.1.1), as <c>Registration:SoftwareStatements</c> says.</summary>
internal static class SoftwareStatements
{
    /// <summary>
    /// The metadata to validate — the request, or with a verified statement's claims in place of the same
    /// members — and the statement to keep; or the RFC 7591 §3.2.2 error refusing it. <paramref name="request"/>
    /// stays the caller's to dispose; a merged document is returned only when the request had a statement.
    /// </summary>
    public static async Task<(JsonDocument? Metadata, string? Statement, MetadataError? Error)> ApplyAsync(
        JsonDocument request, SoftwareStatementMode mode, SoftwareStatementVerifier verifier, ClientsDbContext db, CancellationToken cancellationToken)
    {
        if (mode == SoftwareStatementMode.Ignored || request.RootElement.ValueKind != JsonValueKind.Object)
            return (request, null, null);
        if (!request.RootElement.TryGetProperty(ClientMetadataNames.SoftwareStatement, out var member) || member.ValueKind == JsonValueKind.Null)
            return mode == SoftwareStatementMode.Required
                ? (null, null, new MetadataError(OAuthErrors.InvalidSoftwareStatement,
                    $"{ClientMetadataNames.SoftwareStatement}: required by this server, from a trusted issuer (RFC 7591 §2.3)"))
                : (request, null, null);
        if (member.ValueKind != JsonValueKind.String)
            return (null, null, new MetadataError(OAuthErrors.InvalidSoftwareStatement,
                $"{ClientMetadataNames.SoftwareStatement}: must be a string holding a signed JWT"));
        var statement = member.GetString()!;
        var (claims, error) = await verifier.VerifyAsync(statement, db, cancellationToken);
        if (error is not null)
            return (null, null, error);
        using (claims)
            return (SoftwareStatementVerifier.Merge(request.RootElement, claims!.RootElement), statement, null);
    }
}
