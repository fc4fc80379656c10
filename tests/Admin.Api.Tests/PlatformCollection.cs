extern alias AdminApi;
extern alias RegistrationApi;
using ClientPlatform.Testing;

namespace ClientPlatform.Admin.Api.Tests;

/// <summary>The admin API and the registration API in this process, over the AppHost's servers, its migrator and worker.</summary>
public sealed class AdminApis : InProcessApis<RegistrationApi::Program, AdminApi::Program>;

[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<AdminApis>
{
    public const string Name = "admin api";
}
