using ClientPlatform.Clients.Infrastructure;
using ClientPlatform.Clients.Infrastructure.Idempotency;
using ClientPlatform.Clients.Infrastructure.OpenApi;
using ClientPlatform.Clients.Infrastructure.RateLimiting;
using ClientPlatform.Clients.Infrastructure.Resilience;
using ClientPlatform.Clients.Infrastructure.Security;
using ClientPlatform.Registration.Api;
using ClientPlatform.ServiceDefaults;

// A container engine's health check: the image has no shell or curl to ask /health with.
if (HealthProbe.IsRequested(args))
    return await HealthProbe.RunAsync(args);

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddServiceDefaults();
    builder.AddClientsApi();
    builder.AddRequestBudget(OAuthResults.UnavailableAsync);
    builder.AddRegistrationApi();
    builder.AddApiDocument<RegistrationDocument>();

    var app = builder.Build();
    app.UseUnreadBodyDrain();
    app.UseExceptionHandler(errors => errors.Run(OAuthResults.ServerErrorAsync));
    app.UseStatusCodePages(OAuthResults.StatusCodeAsync);
    app.UseForwardedHeadersFromGateway();
    app.UseRequestBudget();
    app.MapDefaultEndpoints();
    // Issue 15: text PostgreSQL or the audit log cannot take is refused before any endpoint or credential lookup.
    app.UseRequestTextGuard((context, problem) =>
        OAuthResults.Error(StatusCodes.Status400BadRequest, ClientPlatform.Clients.Core.OAuth.OAuthErrors.InvalidRequest, problem).ExecuteAsync(context));
    app.UseAuthentication();
    // After authentication, before authorization: a repeat is recognised by the credential the first request carried,
    // which that request may have replaced (RFC 7592 rotation gives a new registration access token).
    // Issue 34: a repeated POST /register or secret rotation with one Idempotency-Key gets the first answer.
    app.UseIdempotencyKeys((context, status, problem) =>
        OAuthResults.Error(status, ClientPlatform.Clients.Core.OAuth.OAuthErrors.InvalidRequest, problem).ExecuteAsync(context));
    app.UseAuthorization();
    app.UseDistributedRateLimits();
    // Which replica answered, for the tests and benchmarks of a development platform; nobody's business in production.
    if (app.Environment.IsDevelopment())
        app.MapInstanceEndpoint(ResourceNames.RegistrationApi, "/register/_instance");
    app.MapRegistrationEndpoints();
    app.MapApiDocument();
    app.ValidateSettings().Run();
    return 0;
}
catch (Exception e) when (StartupFailure.IsOperatorError(e))
{
    return StartupFailure.Report(e);
}
