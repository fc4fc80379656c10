using System.Collections.Concurrent;
using System.Diagnostics;

namespace ClientPlatform.Hosting;

/// <summary>
/// Starts every child from one long-lived thread. Linux ties the parent-death signal to the thread
/// that forked, and .NET forks on the calling thread: a thread-pool thread could exit and take the
/// children's parent-death signal with it.
/// </summary>
internal static class ProcessSpawner
{
    private static readonly BlockingCollection<(ProcessStartInfo Info, TaskCompletionSource<Process> Result)> Queue = [];

    static ProcessSpawner()
    {
        var thread = new Thread(Run) { IsBackground = true, Name = "apphost-spawner" };
        thread.Start();
    }

    public static Task<Process> StartAsync(ProcessStartInfo info)
    {
        var result = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
        Queue.Add((info, result));
        return result.Task;
    }

    private static void Run()
    {
        foreach (var (info, result) in Queue.GetConsumingEnumerable())
        {
            try
            {
                var process = new Process { StartInfo = info, EnableRaisingEvents = true };
                process.Start();
                result.SetResult(process);
            }
            catch (Exception e)
            {
                result.SetException(e);
            }
        }
    }
}
