using Microsoft.Extensions.Options;

namespace ClientPlatform.Audit.Worker;

/// <summary>
/// <c>GET /audit/verify</c>: the chain checked with the keys only this process holds, against the newest checkpoint.
/// Internal: the admin API asks it on behalf of an administrator with audit:read (GET /admin/audit/verify), and the
/// gateway routes nothing here. One verification at a time (each reads the whole log); another is answered 429.
/// </summary>
internal static class AuditVerification
{
    public const string Path = "/audit/verify";
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    public static IEndpointRouteBuilder MapAuditVerification(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, VerifyAsync);
        return app;
    }

    private static async Task<IResult> VerifyAsync(AuditChainVerifier verifier, IOptions<AuditChainOptions> options, CancellationToken cancellationToken)
    {
        if (!await OneAtATime.WaitAsync(TimeSpan.Zero, cancellationToken))
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, detail: "A verification is already running.");
        try
        {
            AuditCheckpoint? checkpoint;
            try
            {
                checkpoint = AuditCheckpoint.Latest(options.Value.CheckpointFile);
            }
            catch (FormatException e)
            {
                return TypedResults.Ok(new ChainVerification(false, 0, null, null, $"the checkpoint file was altered: {e.Message}"));
            }
            return TypedResults.Ok(await verifier.VerifyAsync(checkpoint, cancellationToken));
        }
        finally
        {
            OneAtATime.Release();
        }
    }
}
