using Microsoft.EntityFrameworkCore.Storage;
using Npgsql.EntityFrameworkCore.PostgreSQL;

namespace ClientPlatform.Clients.Core.Persistence;

/// <summary>
/// Npgsql's retrying strategy, except after a timeout. A failure that comes at once (a pooled connection the server closed,
/// a failover, a serialization failure) is worth another try; one that took a timeout's length (a connect nobody answered,
/// a statement a stalled server never ran) would take as long again on each retry, and four of them outlast a request's
/// budget: with the database's container stopped, a registration took 15 s to be refused; it takes 7-8 s now.
/// </summary>
public sealed class RetryUnlessTimedOutStrategy(ExecutionStrategyDependencies dependencies, int maxRetryCount, TimeSpan maxRetryDelay)
    : NpgsqlRetryingExecutionStrategy(dependencies, maxRetryCount, maxRetryDelay, errorCodesToAdd: null)
{
    protected override bool ShouldRetryOn(Exception? exception) => !TimedOut(exception) && base.ShouldRetryOn(exception);

    /// <summary>Npgsql reports each of its timeouts (connect, command, a full pool) with a TimeoutException inside.</summary>
    private static bool TimedOut(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is TimeoutException)
                return true;
        return false;
    }
}
