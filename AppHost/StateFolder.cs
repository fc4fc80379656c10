using System.Security.Cryptography;
using ClientPlatform.ServiceDefaults;

namespace ClientPlatform.AppHost;

/// <summary>
/// The folder where the servers keep their data between runs (default <c>.apphost/</c> beside the solution),
/// and the generated passwords that go with that data: a password regenerated each run would lock the
/// AppHost out of the database it created the run before.
/// </summary>
public sealed class StateFolder
{
    private StateFolder(string path) => Path = path;

    public string Path { get; }

    /// <summary>The data volumes of the folder --fresh just emptied (none when it had none): they can go too.</summary>
    public IReadOnlyList<string> ForgottenVolumes { get; private init; } = [];

    public static StateFolder Prepare(string path, bool fresh)
    {
        IReadOnlyList<string> forgotten = [];
        try
        {
            if (fresh && Directory.Exists(path))
            {
                forgotten = VolumesOf(path);
                Console.WriteLine($"--fresh: removing the data kept in {path}");
                Directory.Delete(path, recursive: true);
            }
            Directory.CreateDirectory(path);
            // Servers that refuse root (PostgreSQL) run as their own user and must be able to enter it.
            File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
            var probe = System.IO.Path.Combine(path, ".write-test");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AppHostException(
                $"The state folder '{path}' cannot be used ({e.Message.TrimEnd('.')}): fix its permissions or choose another with --state-dir.");
        }
        return new StateFolder(path) { ForgottenVolumes = forgotten };
    }

    private const string VolumeMarkName = "volumes";

    /// <summary>
    /// The name of a server's data volume in container mode: marked with this folder's own random mark, so that its data
    /// and the passwords kept here go together (a new folder, or --fresh, gets new volumes and never an old password's).
    /// </summary>
    public string VolumeFor(string server) => VolumeNameFor(server, VolumeMark(Secret(VolumeMarkName)));

    private static string VolumeNameFor(string server, string mark) => $"clientplatform-{server}-{mark}";

    /// <summary>The data volumes the state folder at <paramref name="path"/> marks (PostgreSQL's and RabbitMQ's), if any.</summary>
    public static IReadOnlyList<string> VolumesOf(string path)
    {
        var mark = System.IO.Path.Combine(path, "secrets", VolumeMarkName);
        return File.Exists(mark) && File.ReadAllText(mark) is { Length: >= 12 } secret
            ? [VolumeNameFor(ResourceNames.Postgres, VolumeMark(secret)), VolumeNameFor(ResourceNames.Messaging, VolumeMark(secret))]
            : [];
    }

    private static string VolumeMark(string secret) => secret.Trim()[..12].ToLowerInvariant();

    /// <summary>A server's own folder (its data, its socket, its logs).</summary>
    public string For(string resourceName)
    {
        var folder = System.IO.Path.Combine(Path, resourceName);
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>The password kept for <paramref name="name"/>, made now (256 bits, base64url) if there is none yet.</summary>
    public string Secret(string name)
    {
        var folder = System.IO.Path.Combine(Path, "secrets");
        Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var file = System.IO.Path.Combine(folder, name);
        if (File.Exists(file) && File.ReadAllText(file).Trim() is { Length: > 0 } kept)
            return kept;
        // Letters and digits only: every server's configuration syntax takes them unquoted.
        var secret = RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 32);
        File.WriteAllText(file, secret);
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return secret;
    }
}
