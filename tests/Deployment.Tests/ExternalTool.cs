using System.Diagnostics;

namespace ClientPlatform.Deployment.Tests;

/// <summary>What a command printed and how it ended.</summary>
internal sealed record ToolResult(int ExitCode, string Output, string Error);

/// <summary>
/// Runs the tools an operator renders the manifests with (kubectl's kustomize, docker-compose). A missing tool
/// fails the test and names what to install: skipping would report green manifests that nobody checked.
/// </summary>
internal static class ExternalTool
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static ToolResult Run(string tool, string installHint, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var executable = FindOnPath(tool)
            ?? throw new Xunit.Sdk.XunitException($"'{tool}' is not on PATH ({Environment.GetEnvironmentVariable("PATH")}). {installHint}");
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
                start.Environment.Remove(name);
            else
                start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException($"{tool} {string.Join(' ', start.ArgumentList)} did not finish within {Timeout}.");
        }
        return new ToolResult(process.ExitCode, output.Result, error.Result);
    }

    private static string? FindOnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => System.IO.Path.Combine(folder, tool))
            .FirstOrDefault(File.Exists);
}
