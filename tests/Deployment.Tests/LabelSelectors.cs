using k8s.Models;

namespace ClientPlatform.Deployment.Tests;

/// <summary>Kubernetes label selector semantics: matchLabels and matchExpressions, all of which must hold.</summary>
internal static class LabelSelectors
{
    public static bool Matches(this V1LabelSelector selector, IReadOnlyDictionary<string, string> labels)
    {
        foreach (var (key, value) in selector.MatchLabels ?? new Dictionary<string, string>())
            if (!labels.TryGetValue(key, out var actual) || actual != value)
                return false;
        foreach (var requirement in selector.MatchExpressions ?? [])
        {
            var has = labels.TryGetValue(requirement.Key, out var actual);
            var values = requirement.Values ?? [];
            var holds = requirement.OperatorProperty switch
            {
                "In" => has && values.Contains(actual!),
                "NotIn" => !has || !values.Contains(actual!),
                "Exists" => has,
                "DoesNotExist" => !has,
                var other => throw new Xunit.Sdk.XunitException($"unknown selector operator '{other}'"),
            };
            if (!holds)
                return false;
        }
        return true;
    }

    /// <summary>A Service's selector (a plain map; an empty one selects nothing the Service manages).</summary>
    public static bool Selects(this IDictionary<string, string>? selector, IReadOnlyDictionary<string, string> labels) =>
        selector is { Count: > 0 } && selector.All(pair => labels.TryGetValue(pair.Key, out var value) && value == pair.Value);
}
