using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace ClientPlatform.Clients.Infrastructure.Security;

/// <summary>Settings of client secret checks (section "SecretChecks"), validated at start-up.</summary>
public sealed class SecretCheckOptions
{
    public const string SectionName = "SecretChecks";

    /// <summary>
    /// BCrypt verifications this process runs at once (each ~65 ms of one core at work factor 10); 0 = half the cores,
    /// at least one, so that a flood of checks leaves the rest of the API its CPU.
    /// </summary>
    [Range(0, 256)]
    public int MaxConcurrent { get; set; }

    /// <summary>Checks that may wait for one of those places; beyond, a check is refused at once (429).</summary>
    [Range(0, 10_000)]
    public int MaxQueued { get; set; } = 64;
}

/// <summary>
/// Client secret checks — the work an anonymous or merely authorised caller can make this process do at will — run
/// through one concurrency limiter per process (System.Threading.RateLimiting): at most
/// <see cref="SecretCheckOptions.MaxConcurrent"/> at a time, a bounded queue, and a refusal beyond it, so that
/// verify-secret cannot take the API's CPU from everything else.
/// </summary>
public sealed class SecretChecks(IOptions<SecretCheckOptions> options) : IDisposable
{
    private readonly ConcurrencyLimiter _limiter = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = options.Value.MaxConcurrent > 0 ? options.Value.MaxConcurrent : Math.Max(1, Environment.ProcessorCount / 2),
        QueueLimit = options.Value.MaxQueued,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    /// <summary>The check's result, or <paramref name="busy"/> true when no place was free (answer 429).</summary>
    public async Task<(T Result, bool Busy)> RunAsync<T>(Func<T> check, CancellationToken cancellationToken)
    {
        using var lease = await _limiter.AcquireAsync(1, cancellationToken);
        return lease.IsAcquired ? (check(), false) : (default!, true);
    }

    public void Dispose() => _limiter.Dispose();
}
