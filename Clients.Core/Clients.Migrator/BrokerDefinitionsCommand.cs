using ClientPlatform.ServiceDefaults;
using Microsoft.Extensions.Configuration;

namespace ClientPlatform.Clients.Migrator;

/// <summary>
/// <c>broker-definitions FILE</c>: writes the broker's definitions (<see cref="BrokerDefinitions"/>: the administrator, a
/// user per service with its permissions, the audit topology) for a RabbitMQ that loads them at boot — compose's and the
/// Kubernetes dev overlay's broker — or for an operator to import into a managed one. Passwords come from the
/// environment, never the command line: <c>Broker__Administrator</c>, <c>Broker__AdministratorPassword</c> and
/// <c>Broker__Passwords__{service}</c> for registration-api, admin-api and audit-worker.
/// </summary>
internal static class BrokerDefinitionsCommand
{
    public const string Name = "broker-definitions";

    private const string Section = "Broker";
    private const int MinLength = 16;

    public static int Run(IReadOnlyList<string> args, IConfiguration configuration)
    {
        if (args is not [var file])
        {
            Console.Error.WriteLine($"usage: {Name} FILE   (passwords from {Section}__AdministratorPassword and {Section}__Passwords__<service>)");
            return 2;
        }
        var administrator = Required(configuration, $"{Section}:Administrator", minLength: 1);
        var administratorPassword = Required(configuration, $"{Section}:AdministratorPassword", MinLength);
        var passwords = BrokerDefinitions.Services.ToDictionary(s => s.Name, s => Required(configuration, $"{Section}:Passwords:{s.Name}", MinLength));
        var definitions = BrokerDefinitions.Create(administrator, administratorPassword, name => passwords[name]);

        // Whole or not at all: the broker may be reading the previous file. Readable by the broker's own user (salted
        // hashes, no password).
        var folder = Path.GetDirectoryName(Path.GetFullPath(file))!;
        var temporary = Path.Combine(folder, $".{Path.GetFileName(file)}.{Environment.ProcessId}");
        File.WriteAllText(temporary, definitions.ToJsonString());
        File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        File.Move(temporary, file, overwrite: true);
        Console.WriteLine($"wrote the broker's definitions to {file}: users {administrator} (administrator), " +
            $"{string.Join(", ", BrokerDefinitions.Services.Select(s => s.Name))}");
        return 0;
    }

    private static string Required(IConfiguration configuration, string key, int minLength)
    {
        var value = configuration[key];
        var variable = key.Replace(":", "__");
        if (string.IsNullOrEmpty(value))
            throw new MissingSettingException($"{key} is missing: set the environment variable {variable}.");
        if (value.Length < minLength)
            throw new MissingSettingException($"{key} must be at least {minLength} characters long.");
        return value;
    }
}
