using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace ClientPlatform.Clients.Core.Persistence;

/// <summary>
/// Runs a long read as one attempt, so that EF streams its rows. Under the retrying strategy of the request
/// paths, EF reads a query's whole result into memory before it hands over the first row, so that a retry
/// could start over (dotnet/efcore#23721): for an export of 100,000 clients that is hundreds of MB. A streamed
/// response cannot be retried anyway, since its first rows have already been sent.
/// </summary>
public sealed class SingleAttemptStrategy(DbContext context) : ExecutionStrategy(context, maxRetryCount: 0, maxRetryDelay: TimeSpan.Zero)
{
    protected override bool ShouldRetryOn(Exception exception) => false;
}
