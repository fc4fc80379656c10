using System.Runtime.InteropServices;

namespace ClientPlatform.Hosting;

/// <summary>
/// kill(2): <c>Process.Kill</c> only sends SIGKILL, but PostgreSQL wants SIGINT for a fast shutdown and
/// the other servers and .NET services stop cleanly on SIGTERM.
/// </summary>
internal static class Signals
{
    public const int SigInt = 2;
    public const int SigKill = 9;
    public const int SigTerm = 15;

    [DllImport("libc", SetLastError = true, EntryPoint = "kill")]
    private static extern int SysKill(int pid, int signal);

    public static bool Send(int pid, int signal) => pid > 0 && SysKill(pid, signal) == 0;

    /// <summary>Every process started here leads its own process group (setsid), so this reaches its children too.</summary>
    public static bool SendToGroup(int pid, int signal) => pid > 0 && SysKill(-pid, signal) == 0;

    public static bool IsRoot => Environment.UserName == "root" || geteuid() == 0;

    [DllImport("libc")]
    private static extern uint geteuid();
}
