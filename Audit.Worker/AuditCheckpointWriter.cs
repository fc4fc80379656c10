using Microsoft.Extensions.Options;

namespace ClientPlatform.Audit.Worker;

/// <summary>
/// Every <see cref="AuditChainOptions.CheckpointInterval"/>, when this process has appended since, a signed checkpoint of
/// the chain's head (<see cref="AuditCheckpoint"/>): appended to <see cref="AuditChainOptions.CheckpointFile"/> and
/// written to the log, both outside the database, so that whoever rewrites the database cannot rewrite them too.
/// </summary>
internal sealed class AuditCheckpointWriter(
    ChainHeadTracker head, AuditChainKeys keys, IOptions<AuditChainOptions> options, TimeProvider time, ILogger<AuditCheckpointWriter> logger)
    : BackgroundService
{
    private long _checkpointed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CheckpointInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                Write();
        }
        catch (OperationCanceledException)
        {
        }
        Write(); // what was appended since the last tick, on the way out
    }

    private void Write()
    {
        if (head.Head is not var (seq, hash) || seq <= _checkpointed)
            return;
        var checkpoint = AuditCheckpoint.Sign(keys.Current, seq, hash, time.GetUtcNow());
        try
        {
            if (options.Value.CheckpointFile is { } file)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
                File.AppendAllText(file, checkpoint.ToJsonLine() + "\n");
            }
            _checkpointed = seq;
        }
        catch (IOException e)
        {
            Log.CheckpointNotWritten(logger, e.Message);
        }
        Log.Checkpoint(logger, checkpoint.Seq, checkpoint.Hash, checkpoint.KeyId, checkpoint.Mac);
    }
}
