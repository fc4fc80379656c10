namespace ClientPlatform.ServiceDefaults;

/// <summary>A setting the service cannot start without; its message is one sentence naming the setting.</summary>
public sealed class MissingSettingException(string message) : Exception(message)
{
    public static MissingSettingException ConnectionString(string name) =>
        new($"ConnectionStrings:{name} is missing: set the environment variable ConnectionStrings__{name} " +
            "(the AppHost sets it for you).");
}
