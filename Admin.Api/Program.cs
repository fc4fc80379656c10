using ClientPlatform.Admin.Api;
using ClientPlatform.Admin.Api.Audit;
using ClientPlatform.Admin.Api.Auth;
using ClientPlatform.Admin.Api.Clients;
using ClientPlatform.Admin.Api.Lifecycle;
using ClientPlatform.Admin.Api.MetadataDocuments;
using ClientPlatform.Admin.Api.Registration;
using ClientPlatform.Admin.Api.WebConsole;
using ClientPlatform.Clients.Infrastructure;
using ClientPlatform.Clients.Infrastructure.Idempotency;
using ClientPlatform.Clients.Infrastructure.OpenApi;
using ClientPlatform.Clients.Infrastructure.Resilience;
using ClientPlatform.Clients.Infrastructure.Security;
using ClientPlatform.ServiceDefaults;

// A container engine's health check: the image has no shell or curl to ask /health with.
if (HealthProbe.IsRequested(args))
    return await HealthProbe.RunAsync(args);

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddServiceDefaults();
    builder.AddClientsApi();
    builder.AddRequestBudget(AdminProblems.UnavailableAsync);
    builder.AddAdminApi();
    builder.AddMetadataDocuments();
    builder.AddApiDocument<AdminDocument>();

    var app = builder.Build();
    app.UseUnreadBodyDrain();
    app.UseExceptionHandler();
    app.UseStatusCodePages();
    app.UseForwardedHeadersFromGateway();
    app.UseRequestBudget();
    app.MapDefaultEndpoints();
    // Issue 15: text PostgreSQL or the audit log cannot take is refused before any endpoint or credential lookup.
    app.UseRequestTextGuard((context, problem) => AdminProblems.BadRequest(problem).ExecuteAsync(context));
    app.UseSlashesInClientIds();
    app.UseAuthentication();
    // Issue 34 (placed as in the registration API, whose rotation replaces the credential a repeat carries): a repeated create, regenerate or secret add with one Idempotency-Key gets the first answer.
    app.UseIdempotencyKeys((context, status, problem) => AdminProblems.Problem(status, AdminProblems.CodeFor(status), problem).ExecuteAsync(context));
    app.UseAuthorization();
    app.UseDistributedRateLimits();
    // Every admin endpoint answers under both prefixes (design.md §7 C-11). Which replica answered: in Development only.
    if (app.Environment.IsDevelopment())
        app.MapInstanceEndpoint(ResourceNames.AdminApi, "/admin/_instance", "/api/admin/_instance");
    app.MapClientExport();
    app.MapAdminClientEndpoints();
    app.MapLifecycleEndpoints();
    app.MapClientPatchEndpoint();
    app.MapSecretVerification();
    app.MapMetadataDocumentEndpoints();
    app.MapClientSecretEndpoints();
    app.MapClientKeyEndpoints();
    app.MapAuditEndpoints();
    app.MapAdminKeyEndpoints();
    app.MapInitialAccessTokenEndpoints();
    app.MapSoftwareStatementIssuerEndpoints();
    app.MapApiDocument();
    app.MapApiReference();
    app.MapCallerEndpoint();
    app.MapAdminConsole();
    app.ValidateSettings().Run();
    return 0;
}
catch (Exception e) when (StartupFailure.IsOperatorError(e))
{
    return StartupFailure.Report(e);
}
