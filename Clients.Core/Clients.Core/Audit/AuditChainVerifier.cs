using ClientPlatform.Clients.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ClientPlatform.Clients.Core.Audit;

/// <summary>
/// Walks the audit log in chain order, checks every row's link with the key it names (<see cref="AuditChain"/>), and
/// checks the chain against the newest checkpoint kept outside the database (<see cref="AuditCheckpoint"/>). Names the
/// first row that does not hold. Needs the chain's keys, which only the audit worker holds: it runs there.
/// </summary>
public sealed class AuditChainVerifier(ClientsDbContext db, AuditChainKeys keys)
{
    public async Task<ChainVerification> VerifyAsync(AuditCheckpoint? checkpoint, CancellationToken cancellationToken)
    {
        if (checkpoint is not null && !checkpoint.IsAuthentic(keys))
            return new ChainVerification(false, 0, null, null,
                $"the newest checkpoint (seq {checkpoint.Seq}) does not carry a valid signature of the chain's key: the checkpoint file was altered", checkpoint);
        // The head first, then the rows up to it: an append commits its rows and the head together, so every row up
        // to the head read here is committed, and a batch appended meanwhile is left for the next verification.
        // (Read the other way round, a batch committed between the two reads looked like rows deleted at the end.)
        var head = await db.AuditChainHeads.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        var upTo = Math.Max(head?.LastSeq ?? long.MaxValue, checkpoint?.Seq ?? 0);
        var expectedPrevious = AuditChain.Genesis;
        long checkedRows = 0, lastSeq = 0;
        var checkpointSeen = false;
        var keyedSeen = false;
        await foreach (var row in db.AuditLog.AsNoTracking().Where(r => r.Seq <= upTo).OrderBy(r => r.Seq).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (!row.PreviousHash.AsSpan().SequenceEqual(expectedPrevious))
                return ChainVerification.Broken(checkedRows, row, checkpoint,
                    lastSeq == 0
                        ? "the first row does not start the chain: rows before it were deleted"
                        : $"it does not link to the row before it (seq {lastSeq}): a row between them was deleted, or that row was altered");
            // Rows from before the chain was keyed come first, or not at all: a row made to look like one later is a forgery.
            if (row.KeyId is null && keyedSeen)
                return ChainVerification.Broken(checkedRows, row, checkpoint,
                    "it carries no key id, as rows from before the chain was keyed, but keyed rows come before it: the row was rewritten");
            keyedSeen |= row.KeyId is not null;
            var key = keys.Find(row.KeyId);
            if (row.KeyId is not null && key is null)
                return ChainVerification.Broken(checkedRows, row, checkpoint, $"it names the key '{row.KeyId}', which the audit worker does not hold");
            if (!AuditChain.Hash(row.PreviousHash, row, key).AsSpan().SequenceEqual(row.Hash))
                return ChainVerification.Broken(checkedRows, row, checkpoint,
                    row.KeyId is null
                        ? "its content does not match its hash: the row was altered"
                        : "its content does not match its HMAC under the chain's key: the row was altered, or made by someone without the key");
            if (checkpoint is not null && row.Seq == checkpoint.Seq)
            {
                if (!row.Hash.AsSpan().SequenceEqual(checkpoint.HashBytes))
                    return ChainVerification.Broken(checkedRows, row, checkpoint,
                        $"its link differs from the one the checkpoint of {checkpoint.WrittenAt:u} recorded: the chain up to it was rebuilt");
                checkpointSeen = true;
            }
            expectedPrevious = row.Hash;
            lastSeq = row.Seq;
            checkedRows++;
        }

        if (checkpoint is not null && !checkpointSeen)
            return new ChainVerification(false, checkedRows, lastSeq == 0 ? null : lastSeq, null,
                $"the chain ends at seq {lastSeq}, but the checkpoint of {checkpoint.WrittenAt:u} saw it reach seq {checkpoint.Seq}: rows at its end were deleted",
                checkpoint);
        if (head is not null && (head.LastSeq != lastSeq || !head.LastHash.AsSpan().SequenceEqual(expectedPrevious)))
            return new ChainVerification(false, checkedRows, lastSeq == 0 ? null : lastSeq, null,
                $"the chain ends at seq {lastSeq} but was last appended at seq {head.LastSeq}: rows at its end were deleted", checkpoint);
        return new ChainVerification(true, checkedRows, null, null, null, checkpoint);
    }
}

/// <param name="Valid">True when every row holds, the chain reaches the newest checkpoint and ends where it was last appended.</param>
/// <param name="RowsChecked">Rows verified before the first bad one (all of them when valid).</param>
/// <param name="FirstBadSeq">The first row that does not hold.</param>
/// <param name="Checkpoint">The checkpoint the chain was checked against, if any.</param>
public sealed record ChainVerification(bool Valid, long RowsChecked, long? FirstBadSeq, Guid? FirstBadEventId, string? Reason, AuditCheckpoint? Checkpoint = null)
{
    internal static ChainVerification Broken(long rowsChecked, AuditRecord row, AuditCheckpoint? checkpoint, string reason) =>
        new(false, rowsChecked, row.Seq, row.EventId, $"row seq {row.Seq}: {reason}", checkpoint);
}
