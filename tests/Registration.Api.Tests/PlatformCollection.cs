using ClientPlatform.Testing;

namespace ClientPlatform.Registration.Api.Tests;

[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "platform";
}
