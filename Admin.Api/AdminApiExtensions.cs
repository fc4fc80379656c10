using ClientPlatform.Admin.Api.Lifecycle;
using ClientPlatform.Admin.Api.Audit;
using ClientPlatform.Admin.Api.Auth;
using ClientPlatform.Admin.Api.Clients;
using ClientPlatform.Clients.Core.Security;
using ClientPlatform.Clients.Infrastructure.OpenApi;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ClientPlatform.Admin.Api;

internal static class AdminApiExtensions
{
    public static WebApplicationBuilder AddAdminApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AdminOptions>()
            .Bind(builder.Configuration)
            .Bind(builder.Configuration.GetSection(AdminOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // Every problem, 500 included, carries the seed's error code and the trace id to find it in the logs.
        builder.Services.AddProblemDetails(problems => problems.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Extensions.TryAdd("error", AdminProblems.CodeFor(context.ProblemDetails.Status ?? 500));
            context.ProblemDetails.Extensions.TryAdd("traceId", System.Diagnostics.Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier);
        });
        builder.Services.AddWireJson(AdminJson.Default);
        builder.Services.AddSingleton<IRateLimitRejection, AdminRateLimitRejection>();
        builder.Services.AddAuditWorkerClient();
        builder.Services.AddHostedService<ClientReaper>();
        builder.Services.AddSingleton(services => new SecretHasher(services.GetRequiredService<IOptions<AdminOptions>>().Value.BcryptWorkFactor));
        builder.Services.AddAuthentication(AdminAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, AdminAuthenticationHandler>(AdminAuthenticationHandler.SchemeName, null);
        var authorization = builder.Services.AddAuthorizationBuilder();
        foreach (var scope in AdminScopes.All)
            authorization.AddPolicy(scope, policy => policy.RequireAuthenticatedUser().RequireClaim("scope", scope));
        return builder;
    }
}
