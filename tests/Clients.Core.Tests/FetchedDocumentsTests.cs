using ClientPlatform.Clients.Core.Security;

namespace ClientPlatform.Clients.Core.Tests;

/// <summary>Issue 31, item 7: one fetch per URL for concurrent requests, failures remembered briefly.</summary>
public sealed class FetchedDocumentsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ManyConcurrentRequestsForOneUrl_FetchOnce_FailureIncluded()
    {
        var documents = new FetchedDocuments<string>(TimeProvider.System);
        var fetches = 0;
        async Task<string> FailingFetch()
        {
            Interlocked.Increment(ref fetches);
            await Task.Delay(100, Ct);
            throw new FetchFailedException("down");
        }

        // All released at once, on the thread pool, so that they race for the URL's entry.
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var requests = Enumerable.Range(0, 64).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            await Assert.ThrowsAsync<FetchFailedException>(() =>
                documents.GetAsync("https://issuer.example/jwks", TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(30), FailingFetch, Ct));
        }, Ct)).ToList();
        start.SetResult();
        await Task.WhenAll(requests);
        // Within the failure's lifetime, asking again fetches nothing either.
        await Assert.ThrowsAsync<FetchFailedException>(() =>
            documents.GetAsync("https://issuer.example/jwks", TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(30), FailingFetch, Ct));

        Assert.Equal(1, fetches);
    }
}
