using System.Runtime.InteropServices;

namespace ClientPlatform.Testing;

public static class Native
{
    public const int SigInt = 2;
    public const int SigKill = 9;
    public const int SigTerm = 15;
    public const int SigCont = 18;
    public const int SigStop = 19;

    [DllImport("libc", SetLastError = true, EntryPoint = "kill")]
    public static extern int Kill(int pid, int signal);

    public static bool IsAlive(int pid) => Kill(pid, 0) == 0 && !IsZombie(pid);

    /// <summary>The session a process belongs to (its session leader's id).</summary>
    public static int SessionOf(int pid) => int.Parse(StatusFields(pid)[3]);

    private static bool IsZombie(int pid)
    {
        try
        {
            return StatusFields(pid)[0] == "Z";
        }
        catch (IOException)
        {
            return true;
        }
    }

    /// <summary>
    /// The fields of <c>/proc/{pid}/stat</c> after the parenthesised command name (which may hold spaces): state, parent,
    /// process group, session, … (proc(5)).
    /// </summary>
    private static string[] StatusFields(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    }
}
