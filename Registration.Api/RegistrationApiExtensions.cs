using ClientPlatform.Clients.Core.Admin;
using ClientPlatform.Clients.Core.RateLimiting;
using ClientPlatform.Clients.Core.Registration;
using ClientPlatform.Clients.Core.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ClientPlatform.Registration.Api;

internal static class RegistrationApiExtensions
{
    public static WebApplicationBuilder AddRegistrationApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RegistrationOptions>()
            .BindConfiguration(RegistrationOptions.SectionName)
            .PostConfigure<IHostEnvironment>((options, environment) => options.AcceptAdminCredentials ??= environment.IsDevelopment())
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(services => new SecretHasher(services.GetRequiredService<IOptions<RegistrationOptions>>().Value.BcryptWorkFactor));
        builder.Services.AddSingleton<ClientInformation>();
        builder.Services.AddSingleton(services =>
        {
            var options = services.GetRequiredService<IOptions<RegistrationOptions>>().Value;
            return new JwksSource(new JwksFetchSettings(options.JwksFetchTimeout, options.JwksCacheLifetime, options.AllowPrivateJwksAddresses),
                services.GetRequiredService<TimeProvider>());
        });
        builder.Services.AddSingleton<SoftwareStatementVerifier>();
        builder.Services.AddSingleton<IRateLimitRejection, RegistrationRateLimitRejection>();
        builder.Services.AddAuthentication(RegistrationTokenHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, RegistrationTokenHandler>(RegistrationTokenHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(RegistrationTokenHandler.Policy, policy => policy
                .AddAuthenticationSchemes(RegistrationTokenHandler.SchemeName)
                .RequireAuthenticatedUser());
        return builder;
    }
}
