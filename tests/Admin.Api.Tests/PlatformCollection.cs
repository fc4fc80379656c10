using ClientPlatform.Testing;

namespace ClientPlatform.Admin.Api.Tests;

[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "platform";
}
