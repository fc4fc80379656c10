namespace ClientPlatform.Hosting;

/// <summary>A server's password lives beside its data, so data kept between runs stays usable.</summary>
internal static class Secrets
{
    public static string LoadOrCreate(string directory, string fileName)
    {
        var path = Path.Combine(directory, fileName);
        if (File.Exists(path) && File.ReadAllText(path).Trim() is { Length: > 0 } existing)
            return existing;
        var password = Passwords.Generate();
        File.WriteAllText(path, password);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return password;
    }
}
