using ClientPlatform.Gateway;
using ClientPlatform.ServiceDefaults;

// A container engine's health check: the image has no shell or curl to ask /health with.
if (HealthProbe.IsRequested(args))
    return await HealthProbe.RunAsync(args);

InlineSocketCompletions.Enable();
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
