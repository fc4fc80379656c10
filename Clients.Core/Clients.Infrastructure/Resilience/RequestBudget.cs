using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ClientPlatform.Clients.Infrastructure.Resilience;

/// <summary>Settings of section "Requests", validated at start-up.</summary>
public sealed class RequestBudgetOptions
{
    public const string SectionName = "Requests";

    /// <summary>
    /// How long a request may take before it is answered 503 with <c>Retry-After</c>: what it waits on (a stalled
    /// PostgreSQL) is cancelled then. A stall shorter than this only delays the answer.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan Budget { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a streamed answer that reads every client (the admin export) may take: at 1,000,000 clients it takes
    /// longer than any one request should, and was cut at <see cref="Budget"/> with the connection reset (AdminBench).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan StreamBudget { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>
/// 503 with <c>Retry-After</c>, never 500, when PostgreSQL cannot serve a request: it stalled past the request's
/// budget, or refused or dropped its connections past the bounded retries (issue 36). Each API says how its 503
/// looks (RFC 7591-style JSON on /register, problem+json on /admin); when to answer it is decided here, once.
/// </summary>
/// <remarks>The timer is ASP.NET Core's request timeouts middleware: the request's token is cancelled at the budget.</remarks>
public static class RequestBudget
{
    /// <summary>The policy of an endpoint that streams every client (<c>.WithRequestTimeout(RequestBudget.StreamPolicy)</c>).</summary>
    public const string StreamPolicy = "stream";

    /// <summary>What a 503 tells the client to wait: long enough for a pool's connections to come back.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    /// <param name="unavailable">Writes the API's 503 (the status and <c>Retry-After</c> are set already).</param>
    public static IHostApplicationBuilder AddRequestBudget(this IHostApplicationBuilder builder, Func<HttpContext, Task> unavailable)
    {
        builder.Services.AddOptions<RequestBudgetOptions>().BindConfiguration(RequestBudgetOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddRequestTimeouts();
        builder.Services.AddOptions<RequestTimeoutOptions>().Configure<IOptions<RequestBudgetOptions>>((timeouts, budget) =>
        {
            timeouts.DefaultPolicy = Policy(budget.Value.Budget, unavailable);
            timeouts.AddPolicy(StreamPolicy, Policy(budget.Value.StreamBudget, unavailable));
        });
        builder.Services.AddSingleton<IExceptionHandler>(new DatabaseUnavailable(unavailable));
        return builder;
    }

    /// <summary>After the exception handler, which answers database failures that come before the budget is spent.</summary>
    public static WebApplication UseRequestBudget(this WebApplication app)
    {
        app.UseRequestTimeouts();
        app.Use(BudgetSpentAsync);
        return app;
    }

    /// <summary>
    /// Once the budget is spent, whatever fails next fails for it: the cancellation surfaces as OperationCanceledException,
    /// as Npgsql's error for a cancelled statement, or wrapped by whatever was waiting (EF's DbUpdateException). Each is
    /// handed to the timeouts middleware as the cancellation it is, which answers the 503.
    /// </summary>
    private static async Task BudgetSpentAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (e is not OperationCanceledException
                                  && context.Features.Get<IHttpRequestTimeoutFeature>() is { RequestTimeoutToken: { IsCancellationRequested: true } spent })
        {
            throw new OperationCanceledException("The request's budget was spent.", e, spent);
        }
    }

    /// <summary>Whether <paramref name="exception"/> says PostgreSQL could not be reached in time, rather than a bug.</summary>
    public static bool IsDatabaseUnavailable(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is NpgsqlException { IsTransient: true } or PostgresException { SqlState: PostgresErrorCodes.QueryCanceled }
                or RetryLimitExceededException or TimeoutException)
                return true;
        return false;
    }

    private static RequestTimeoutPolicy Policy(TimeSpan budget, Func<HttpContext, Task> unavailable) => new()
    {
        Timeout = budget,
        TimeoutStatusCode = StatusCodes.Status503ServiceUnavailable,
        WriteTimeoutResponse = context => WriteAsync(context, unavailable),
    };

    private static Task WriteAsync(HttpContext context, Func<HttpContext, Task> unavailable)
    {
        // The timeouts middleware writes its answer while the request's token is the one it cancelled (it restores the
        // connection's own afterwards): a writer that passes RequestAborted on would give up at its first write.
        if (context.RequestAborted.IsCancellationRequested)
            context.RequestAborted = CancellationToken.None;
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = ((int)RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return unavailable(context);
    }

    private sealed class DatabaseUnavailable(Func<HttpContext, Task> unavailable) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
        {
            if (!IsDatabaseUnavailable(exception))
                return false;
            await WriteAsync(context, unavailable);
            return true;
        }
    }
}
