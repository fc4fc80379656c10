using System.Text.Json.Serialization;
using ClientPlatform.Admin.Api.Audit;
using ClientPlatform.Admin.Api.Auth;
using ClientPlatform.Admin.Api.Clients;
using ClientPlatform.Admin.Api.Lifecycle;
using ClientPlatform.Admin.Api.Registration;

namespace ClientPlatform.Admin.Api;

/// <summary>
/// The admin API's wire types, serialized by generated code with snake_case member names (seed 004); the OpenAPI
/// document describes the same types through the same options, so the document and the wire cannot differ.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(AdminKeyCreate))]
[JsonSerializable(typeof(AdminKeyCreated))]
[JsonSerializable(typeof(AdminKeyList))]
[JsonSerializable(typeof(Done))]
[JsonSerializable(typeof(CallerInfo))]
[JsonSerializable(typeof(AdminProblem))]
[JsonSerializable(typeof(AuditEvents))]
[JsonSerializable(typeof(AuditVerification))]
[JsonSerializable(typeof(SecretCheck))]
[JsonSerializable(typeof(SecretCheckResult))]
[JsonSerializable(typeof(SecretRegenerated))]
[JsonSerializable(typeof(ClientSecretList))]
[JsonSerializable(typeof(SecretAdd))]
[JsonSerializable(typeof(SecretAdded))]
[JsonSerializable(typeof(BulkDelete))]
[JsonSerializable(typeof(BulkDeleteResult))]
[JsonSerializable(typeof(AdminClientEnvelope))]
[JsonSerializable(typeof(AdminClientList))]
[JsonSerializable(typeof(AdminClientCreate))]
[JsonSerializable(typeof(AdminClientChanges))]
[JsonSerializable(typeof(IReadOnlyList<AdminClient>))]
[JsonSerializable(typeof(InitialAccessTokenIssue))]
[JsonSerializable(typeof(InitialAccessTokenIssued))]
[JsonSerializable(typeof(InitialAccessTokenList))]
[JsonSerializable(typeof(SoftwareStatementIssuerTrust))]
[JsonSerializable(typeof(SoftwareStatementIssuerView))]
[JsonSerializable(typeof(SoftwareStatementIssuerList))]
[JsonSerializable(typeof(ReapResult))]
[JsonSerializable(typeof(KeyAdd))]
[JsonSerializable(typeof(ClientKeyList))]
internal sealed partial class AdminJson : JsonSerializerContext;

/// <summary>What an action that changes one thing answers.</summary>
[System.ComponentModel.Description("Done.")]
internal sealed record Done(
    [property: System.ComponentModel.Description("Always true.")] bool Success,
    [property: System.ComponentModel.Description("What was done.")] string Message)
{
    public static Done Because(string message) => new(true, message);
}
