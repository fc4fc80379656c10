using ClientPlatform.ServiceDefaults;
using Microsoft.Extensions.Http.Resilience;

namespace ClientPlatform.Admin.Api.Audit;

/// <summary>
/// The audit worker's verification (<c>GET /audit/verify</c>), found by service discovery (<c>services:audit-worker:http:0</c>):
/// only the worker holds the chain's keys, so only it can check the chain (design.md §3).
/// </summary>
internal sealed class AuditWorkerClient(HttpClient http)
{
    /// <summary>A verification reads the whole log: minutes for millions of rows, not the default request's seconds.</summary>
    public static readonly TimeSpan VerificationTimeout = TimeSpan.FromMinutes(10);

    public const string VerifyPath = "/audit/verify";

    /// <summary>The worker's answer, or null with the status it gave (or 0: it could not be reached).</summary>
    public async Task<(ChainVerification? Result, int Status)> VerifyAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(VerifyPath, cancellationToken);
            return response.IsSuccessStatusCode
                ? (await response.Content.ReadFromJsonAsync<ChainVerification>(cancellationToken), (int)response.StatusCode)
                : (null, (int)response.StatusCode);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            return (null, 0);
        }
    }
}

internal static class AuditWorkerClientExtensions
{
    public static IServiceCollection AddAuditWorkerClient(this IServiceCollection services)
    {
        services.AddHttpClient<AuditWorkerClient>(http => http.BaseAddress = new Uri($"http://{ResourceNames.AuditWorker}"));
        // The standard resilience handler every client gets (ServiceDefaults), with a verification's patience, and no
        // retry of a request that reads the whole log.
        services.Configure<HttpStandardResilienceOptions>($"{nameof(AuditWorkerClient)}-standard", options =>
        {
            options.Retry.MaxRetryAttempts = 1;
            options.Retry.ShouldHandle = _ => ValueTask.FromResult(false);
            options.AttemptTimeout.Timeout = AuditWorkerClient.VerificationTimeout;
            options.TotalRequestTimeout.Timeout = AuditWorkerClient.VerificationTimeout;
            options.CircuitBreaker.SamplingDuration = AuditWorkerClient.VerificationTimeout * 2;
        });
        return services;
    }
}
