namespace ClientPlatform.Audit.Worker;

/// <summary>The head of the chain as this process last appended it: what the next checkpoint states.</summary>
internal sealed class ChainHeadTracker
{
    private (long Seq, byte[] Hash)? _head;

    public void Appended(long seq, byte[] hash)
    {
        lock (this)
            if (_head is not { } known || seq > known.Seq)
                _head = (seq, hash);
    }

    public (long Seq, byte[] Hash)? Head
    {
        get
        {
            lock (this)
                return _head;
        }
    }
}
