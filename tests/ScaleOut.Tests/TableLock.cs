using ClientPlatform.ServiceDefaults;
using Npgsql;

namespace ClientPlatform.ScaleOut.Tests;

/// <summary>
/// Holds an exclusive lock on every table a registration read could query (clients, the audit outbox, admin
/// keys) until disposed: while it is held, a request that queries PostgreSQL waits, and one that does not answers.
/// </summary>
internal sealed class TableLock : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;

    private TableLock(NpgsqlConnection connection, NpgsqlTransaction transaction) => (_connection, _transaction) = (connection, transaction);

    public static async Task<TableLock> TakeAsync(ScaleOutPlatform platform, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(platform.ConnectionString(ResourceNames.ClientsDb));
        await connection.OpenAsync(cancellationToken);
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockTables = new NpgsqlCommand("LOCK TABLE clients, audit_outbox, admin_api_keys IN ACCESS EXCLUSIVE MODE", connection, transaction))
            await lockTables.ExecuteNonQueryAsync(cancellationToken);
        return new TableLock(connection, transaction);
    }

    /// <summary>Whether a GET /register/{id} answers 200 within <paramref name="patience"/> (false: it waited, or failed).</summary>
    public static async Task<bool> AnswersAsync(HttpClient replica, string clientId, string token, TimeSpan patience, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(patience);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/register/{clientId}");
        request.Headers.Authorization = new("Bearer", token);
        try
        {
            return (await replica.SendAsync(request, timeout.Token)).StatusCode == System.Net.HttpStatusCode.OK;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _transaction.RollbackAsync();
        await _connection.DisposeAsync();
    }
}
