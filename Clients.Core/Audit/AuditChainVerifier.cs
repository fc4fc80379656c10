using ClientPlatform.Clients.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ClientPlatform.Clients.Core.Audit;

/// <summary>Walks the audit log in chain order and names the first row that does not hold.</summary>
public sealed class AuditChainVerifier(ClientsDbContext db)
{
    public async Task<ChainVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        // The head first, then the rows up to it: an append commits its rows and the head together, so every row up
        // to the head read here is committed, and a batch appended meanwhile is left for the next verification.
        // (Read the other way round, a batch committed between the two reads looked like rows deleted at the end.)
        var head = await db.AuditChainHeads.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        var upTo = head?.LastSeq ?? long.MaxValue;
        var expectedPrevious = AuditChain.Genesis;
        long checkedRows = 0, lastSeq = 0;
        await foreach (var row in db.AuditLog.AsNoTracking().Where(r => r.Seq <= upTo).OrderBy(r => r.Seq).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (!row.PreviousHash.AsSpan().SequenceEqual(expectedPrevious))
                return ChainVerification.Broken(checkedRows, row,
                    lastSeq == 0
                        ? "the first row does not start the chain: rows before it were deleted"
                        : $"it does not link to the row before it (seq {lastSeq}): a row between them was deleted, or that row was altered");
            if (!AuditChain.Hash(row.PreviousHash, row).AsSpan().SequenceEqual(row.Hash))
                return ChainVerification.Broken(checkedRows, row, "its content does not match its hash: the row was altered");
            expectedPrevious = row.Hash;
            lastSeq = row.Seq;
            checkedRows++;
        }

        if (head is not null && (head.LastSeq != lastSeq || !head.LastHash.AsSpan().SequenceEqual(expectedPrevious)))
            return new ChainVerification(false, checkedRows, lastSeq == 0 ? null : lastSeq, null,
                $"the chain ends at seq {lastSeq} but was last appended at seq {head.LastSeq}: rows at its end were deleted");
        return new ChainVerification(true, checkedRows, null, null, null);
    }
}

/// <param name="Valid">True when every row holds and the chain ends where it was last appended.</param>
/// <param name="RowsChecked">Rows verified before the first bad one (all of them when valid).</param>
/// <param name="FirstBadSeq">The first row that does not hold.</param>
public sealed record ChainVerification(bool Valid, long RowsChecked, long? FirstBadSeq, Guid? FirstBadEventId, string? Reason)
{
    internal static ChainVerification Broken(long rowsChecked, AuditRecord row, string reason) =>
        new(false, rowsChecked, row.Seq, row.EventId, $"row seq {row.Seq}: {reason}");
}
