namespace ClientPlatform.Clients.Core;

/// <summary>The first rule a request broke: an RFC 7591 §3.2.2 error code and a description naming the field.</summary>
public sealed record MetadataError(string Error, string Description);

/// <summary>Either valid metadata or the error; never both.</summary>
public sealed record MetadataResult(ClientMetadata? Metadata, MetadataError? Error)
{
    public static MetadataResult Valid(ClientMetadata metadata) => new(metadata, null);

    public static MetadataResult Invalid(string error, string description) => new(null, new MetadataError(error, description));
}

/// <summary>Who sends the metadata: the client itself (RFC 7591/7592) or an administrator (seed 004).</summary>
public enum MetadataSource
{
    Registration,
    Admin,
}
