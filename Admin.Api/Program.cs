using ClientPlatform.Clients.Core;
using ClientPlatform.ServiceDefaults;

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddServiceDefaults();
    builder.AddClientsApi();

    var app = builder.Build();
    app.UseForwardedHeadersFromGateway();
    app.MapDefaultEndpoints();
    // Every admin endpoint answers under both prefixes (design.md §7 C-11).
    app.MapInstanceEndpoint(ResourceNames.AdminApi, "/admin/_instance", "/api/admin/_instance");
    app.ValidateSettings().Run();
    return 0;
}
catch (Exception e) when (StartupFailure.IsOperatorError(e))
{
    return StartupFailure.Report(e);
}
