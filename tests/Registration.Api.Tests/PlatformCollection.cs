extern alias AdminApi;
extern alias RegistrationApi;
using ClientPlatform.Testing;

namespace ClientPlatform.Registration.Api.Tests;

/// <summary>The registration API (and the admin API beside it) in this process, over the AppHost's servers, migrator and worker.</summary>
public sealed class RegistrationApis : InProcessApis<RegistrationApi::Program, AdminApi::Program>;

[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<RegistrationApis>
{
    public const string Name = "registration api";
}
