namespace ClientPlatform.Hosting;

/// <summary>The folder where servers keep their data between runs.</summary>
internal static class StateFolder
{
    public static void Ensure(DistributedApplicationOptions options)
    {
        var path = options.StateDirectory;
        try
        {
            if (options.Fresh && Directory.Exists(path))
            {
                ConsoleOutput.Status($"--fresh: removing the data kept in {path}");
                Directory.Delete(path, recursive: true);
            }
            Directory.CreateDirectory(path);
            var probe = Path.Combine(path, ".write-test");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            _ = Directory.GetFileSystemEntries(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HostingException(
                $"The state folder '{path}' cannot be used ({e.Message.TrimEnd('.')}): fix its permissions or choose another with --state-dir.");
        }
    }
}
