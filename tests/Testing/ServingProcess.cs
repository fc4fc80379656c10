namespace ClientPlatform.Testing;

/// <summary>
/// DCP starts a project as <c>dotnet run --no-build</c>, which runs the service as its child: the process id
/// Aspire reports is the launcher's, and the one that serves (and reports itself at /_instance) is its child.
/// </summary>
internal static class ServingProcess
{
    public static int Of(int pid)
    {
        try
        {
            var arguments = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0');
            if (arguments is not [var program, "run", ..] || Path.GetFileName(program) != "dotnet")
                return pid;
            var children = File.ReadAllText($"/proc/{pid}/task/{pid}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return children is [var child] ? int.Parse(child) : pid;
        }
        catch (IOException)
        {
            return pid; // gone already
        }
    }
}
