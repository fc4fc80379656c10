using ClientPlatform.Audit.Worker;
using ClientPlatform.Clients.Infrastructure;
using ClientPlatform.Clients.Infrastructure.Connections;
using ClientPlatform.ServiceDefaults;

// A container engine's health check: the image has no shell or curl to ask /health with.
if (HealthProbe.IsRequested(args))
    return await HealthProbe.RunAsync(args);

try
{
    // A web host only for /health and /alive: the AppHost and Kubernetes probe the worker like the APIs.
    var builder = WebApplication.CreateBuilder(args);
    builder.AddServiceDefaults();
    builder.AddClientsDatabase();
    builder.AddRabbitMQBroker(ResourceNames.Messaging);
    builder.AddAuditWorker();

    var app = builder.Build();
    app.MapDefaultEndpoints();
    app.MapAuditVerification();
    app.ValidateSettings().Run();
    return 0;
}
catch (Exception e) when (StartupFailure.IsOperatorError(e))
{
    return StartupFailure.Report(e);
}
