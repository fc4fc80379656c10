using ClientPlatform.Clients.Core;
using ClientPlatform.Clients.Core.Audit;
using ClientPlatform.ServiceDefaults;

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddServiceDefaults();
    builder.AddClientsCore();
    builder.AddRedisClient(ResourceNames.Cache);
    builder.AddRabbitMQClient(ResourceNames.Messaging);
    builder.AddAuditTrail();

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
