using System.ComponentModel.DataAnnotations;
using ClientPlatform.Clients.Core.OAuth;

namespace ClientPlatform.Clients.Core;

/// <summary>
/// The members a wire type always answers, or a request must carry, never null: its schema's <c>required</c> list,
/// where the C# <c>required</c> modifier cannot say it (a member inherited by both a request and an answer).
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequiredMembersAttribute(params string[] members) : Attribute
{
    public IReadOnlyList<string> Members { get; } = members;
}

/// <summary>An example of a wire type, in its JSON (its schema's <c>examples</c>).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class WireExampleAttribute(string json) : Attribute
{
    public string Json { get; } = json;
}

/// <summary>
/// A type's extension members named by a pattern (RFC 7591 §2.2: <c>client_name#fr</c> and the like): its schema's
/// <c>patternProperties</c>, the one thing of the shape a property cannot declare.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class LocalizedMembersAttribute : Attribute
{
    /// <summary>The human-readable members, each followed by <c>#</c> and a BCP 47 language tag.</summary>
    public static string Pattern { get; } =
        $"^({string.Join('|', ClientMetadataNames.Localizable)})#[A-Za-z0-9-]{{1,{ClientLimits.LanguageTagMaxLength}}}$";

    public const string Description = "A human-readable member in the language its BCP 47 tag names (RFC 7591 §2.2).";
}

/// <summary>The allowed values of a member, from the sets the metadata rules enforce (a schema's <c>enum</c>).</summary>
public sealed class AuthMethodValuesAttribute() : AllowedValuesAttribute([.. AuthMethods.Supported.Order(StringComparer.Ordinal)]);

public sealed class GrantTypeValuesAttribute() : AllowedValuesAttribute([.. GrantTypes.Supported.Order(StringComparer.Ordinal)]);

public sealed class ResponseTypeValuesAttribute() : AllowedValuesAttribute([.. ResponseTypes.Supported]);

public sealed class ApplicationTypeValuesAttribute() : AllowedValuesAttribute([.. ClientMetadataValidator.ApplicationTypes]);

public sealed class SubjectTypeValuesAttribute() : AllowedValuesAttribute([.. ClientMetadataValidator.SubjectTypes]);

public sealed class SigningAlgorithmValuesAttribute() : AllowedValuesAttribute([.. ClientMetadataValidator.SigningAlgorithms]);
