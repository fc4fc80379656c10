using ClientPlatform.Testing;

namespace ClientPlatform.EndToEnd.Tests;

/// <summary>One platform for every end-to-end test: it starts once, so the suite stays fast.</summary>
[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "platform";
}
