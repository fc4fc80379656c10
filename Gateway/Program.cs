using ClientPlatform.Gateway;
using ClientPlatform.ServiceDefaults;

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddServiceDefaults();
    builder.AddGateway();

    var app = builder.Build();
    app.MapDefaultEndpoints();
    app.MapGateway();
    app.ValidateSettings().Run();
    return 0;
}
catch (Exception e) when (StartupFailure.IsOperatorError(e))
{
    return StartupFailure.Report(e);
}
