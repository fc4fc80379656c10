using ClientPlatform.Testing;

namespace ClientPlatform.EndToEnd.Tests;

/// <summary>One platform for every end-to-end test: it starts once, so the suite stays fast.</summary>
[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<EndToEndPlatform>
{
    public const string Name = "platform";
}

/// <summary>
/// The whole platform, resolving Client ID Metadata Documents (issue 35) from the https host the tests start on loopback:
/// its CA and its address given to the documents' fetcher only, as an intranet deployment would.
/// </summary>
public sealed class EndToEndPlatform() : PlatformFixture(new Dictionary<string, string?>
{
    [AppHost.AppHostSettings.ServiceSetting("RateLimits:Enabled")] = "false",
    [AppHost.AppHostSettings.ServiceSetting("MetadataDocuments:Enabled")] = "true",
    [AppHost.AppHostSettings.ServiceSetting("MetadataDocuments:ExtraCaBundle")] = TestDocumentServer.CertificateFile,
    [AppHost.AppHostSettings.ServiceSetting("MetadataDocuments:AllowedPrivateAddresses:0")] = "127.0.0.1",
});
