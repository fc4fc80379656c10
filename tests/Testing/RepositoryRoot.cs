namespace ClientPlatform.Testing;

/// <summary>
/// The checkout the tests run from: the manifests are read where an operator would read them, not copied into
/// the build output, so a test always sees the files as they are in the work tree.
/// </summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "ClientPlatform.sln")))
                return folder.FullName;
        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds ClientPlatform.sln.");
    }
}
