using ClientPlatform.Admin.Api;
using ClientPlatform.Admin.Api.Audit;
using ClientPlatform.Admin.Api.Auth;
using ClientPlatform.Admin.Api.Clients;
using ClientPlatform.Clients.Core;
using ClientPlatform.Clients.Core.RateLimiting;
using ClientPlatform.Clients.Core.Security;
using ClientPlatform.ServiceDefaults;

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddServiceDefaults();
    builder.AddClientsApi();
    builder.AddAdminApi();

    var app = builder.Build();
    app.UseExceptionHandler();
    app.UseStatusCodePages();
    app.UseForwardedHeadersFromGateway();
    app.MapDefaultEndpoints();
    // Issue 15: text PostgreSQL or the audit log cannot take is refused before any endpoint or credential lookup.
    app.UseRequestTextGuard((context, problem) => AdminProblems.BadRequest(problem).ExecuteAsync(context));
    app.UseAuthentication();
    app.UseAuthorization();
    app.UseDistributedRateLimits();
    // Every admin endpoint answers under both prefixes (design.md §7 C-11).
    app.MapInstanceEndpoint(ResourceNames.AdminApi, "/admin/_instance", "/api/admin/_instance");
    app.MapClientExport();
    app.MapAdminClientEndpoints();
    app.MapAuditEndpoints();
    app.MapAdminKeyEndpoints();
    app.ValidateSettings().Run();
    return 0;
}
catch (Exception e) when (StartupFailure.IsOperatorError(e))
{
    return StartupFailure.Report(e);
}
