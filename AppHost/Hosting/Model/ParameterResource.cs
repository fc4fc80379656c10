namespace ClientPlatform.Hosting;

/// <summary>
/// A value taken from configuration, or generated for the run when the configuration has none
/// (Aspire's generated parameters). A generated secret is printed once, so that the operator can use it.
/// </summary>
public sealed class ParameterResource(string name, string configurationKey, string? configuredValue, bool secret)
    : Resource(name)
{
    public override string Kind => "parameter";

    public string ConfigurationKey { get; } = configurationKey;

    public bool Secret { get; } = secret;

    public bool Generated { get; } = string.IsNullOrEmpty(configuredValue);

    public string Value { get; } = string.IsNullOrEmpty(configuredValue) ? Passwords.Generate() : configuredValue;
}
