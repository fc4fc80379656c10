using System.IO.Pipelines;
using System.Text;
using System.Text.Json.Serialization.Metadata;
using ClientPlatform.Admin.Api.Auth;
using ClientPlatform.Clients.Infrastructure.Resilience;
using ClientPlatform.Clients.Core.Persistence;
using ClientPlatform.Clients.Infrastructure.Audit;
using ClientPlatform.Clients.Infrastructure.OpenApi;
using Microsoft.Extensions.Options;

namespace ClientPlatform.Admin.Api.Clients;

/// <summary>
/// Every client as CSV or JSON, secrets masked, streamed row by row from the database to the response,
/// so 100,000 clients never sit in memory at once (seed 004, Phase 7).
/// </summary>
internal static class ClientExport
{
    private static readonly string[] Columns =
    [
        "client_id", "client_name", "client_secret", "redirect_uris", "grant_types", "response_types", "scope",
        "token_endpoint_auth_method", "client_uri", "logo_uri", "tos_uri", "policy_uri", "is_trusted", "skip_consent",
        "allow_claims_without_scope", "update_locked", "delete_locked", "created_at", "updated_at",
    ];

    public static IEndpointRouteBuilder MapClientExport(this IEndpointRouteBuilder app)
    {
        foreach (var clients in AdminRoutes.Groups(app, "clients"))
            clients.MapGet("export", ExportAsync).RequireAuthorization(AdminScopes.ClientsRead)
                .RateLimited(RateLimitPolicies.AdminOther, RateLimitPartition.AdminCredential)
                .Describe("exportClients", "Clients", "Export every client", "Streamed, as JSON or CSV; secrets masked. The export is audited.")
                .Query<string>("format", "json (default) or csv.", ["json", "csv"])
                .Produces<IReadOnlyList<AdminClient>>()
                .Answers(StatusCodes.Status200OK, "Every client, as JSON (the CSV export has the same fields as columns).", ApiHeaders.ContentDisposition)
                .Answers(StatusCodes.Status400BadRequest, "A format other than json or csv.")
                // It reads every client: a budget of its own, not a request's (Requests:StreamBudget).
                .WithRequestTimeout(RequestBudget.StreamPolicy);
        return app;
    }

    private static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> ExportAsync(AdminActor caller, HttpRequest request,
        ClientsDbContext db, IAuditTrail audit, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken cancellation)
    {
        // Each client written as the API writes it anywhere else (AdminClient, the wire options).
        var type = (JsonTypeInfo<AdminClient>)json.Value.SerializerOptions.GetTypeInfo(typeof(AdminClient));
        var format = request.Query["format"].ToString() is { Length: > 0 } f ? f : "json";
        if (format is not ("csv" or "json"))
            return AdminProblems.BadRequest($"format: must be csv or json, not '{format}'");
        await audit.RecordNowAsync(new AuditEntry(AuditActions.ClientsExported,
            caller.Actor,
            new AuditResource(AuditResourceTypes.Clients, null), AuditOutcome.Ok()), cancellation);

        request.HttpContext.Response.Headers.ContentDisposition = $"attachment; filename=\"clients.{format}\"";
        var clients = db.Clients.AsNoTracking().OrderBy(c => c.CreatedAt).ThenBy(c => c.ClientId).AsAsyncEnumerable();
        // Streamed as rows arrive; one attempt, or EF would buffer every row before the first one is written (SingleAttemptStrategy).
        return TypedResults.Stream(body => new SingleAttemptStrategy(db).ExecuteAsync(cancellationToken => format == "csv"
                ? WriteCsvAsync(body, clients, type, cancellationToken)
                : WriteJsonAsync(body, clients, type, cancellationToken), cancellation),
            format == "csv" ? "text/csv; charset=utf-8" : "application/json");
    }

    private static async Task WriteJsonAsync(Stream body, IAsyncEnumerable<Client> clients, JsonTypeInfo<AdminClient> type,
        CancellationToken cancellationToken)
    {
        // Through a pipe: the serializer flushes its writer synchronously, which a pipe takes without blocking on the socket.
        var pipe = PipeWriter.Create(body, new StreamPipeWriterOptions(leaveOpen: true));
        await using (var json = new Utf8JsonWriter(pipe))
        {
            json.WriteStartArray();
            await foreach (var client in clients.WithCancellation(cancellationToken))
            {
                JsonSerializer.Serialize(json, AdminClient.From(client), type);
                if (pipe.UnflushedBytes > 32 * 1024)
                    await pipe.FlushAsync(cancellationToken);
            }
            json.WriteEndArray();
        }
        await pipe.CompleteAsync();
    }

    private static async Task WriteCsvAsync(Stream body, IAsyncEnumerable<Client> clients, JsonTypeInfo<AdminClient> type,
        CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(body, new UTF8Encoding(false), bufferSize: 32 * 1024);
        await writer.WriteLineAsync(string.Join(',', Columns));
        await foreach (var client in clients.WithCancellation(cancellationToken))
        {
            var json = JsonSerializer.SerializeToNode(AdminClient.From(client), type)!;
            await writer.WriteLineAsync(string.Join(',', Columns.Select(c => Cell(json[c]))));
        }
    }

    /// <summary>RFC 4180 quoting; lists space-separated; a leading = + - @ is defused against spreadsheet formula injection.</summary>
    private static string Cell(System.Text.Json.Nodes.JsonNode? node)
    {
        var text = node switch
        {
            null => "",
            System.Text.Json.Nodes.JsonArray array => string.Join(' ', array.Select(v => v?.ToString())),
            _ when node.GetValueKind() == JsonValueKind.String => node.GetValue<string>(),
            _ => node.ToJsonString(),
        };
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
            text = "'" + text;
        return text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{text.Replace("\"", "\"\"")}\"" : text;
    }
}
