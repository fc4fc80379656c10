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
    app.MapInstanceEndpoint(ResourceNames.RegistrationApi, "/register/_instance");
    app.ValidateSettings().Run();
    return 0;
}
catch (Exception e) when (StartupFailure.IsOperatorError(e))
{
    return StartupFailure.Report(e);
}
