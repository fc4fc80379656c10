using ClientPlatform.Clients.Core.Security;
using ClientPlatform.Clients.Infrastructure.OpenApi;
using ClientPlatform.Clients.Infrastructure.RateLimiting;
using ClientPlatform.ServiceDefaults;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ClientPlatform.Registration.Api;

internal static class RegistrationApiExtensions
{
    /// <summary>Settings renamed when fetching moved to OutboundFetch (issue 31): named at start, never silently ignored.</summary>
    private static readonly (string Old, string New)[] Renamed =
    [
        ("Registration:AllowPrivateJwksAddresses", $"{OutboundFetchOptions.SectionName}:AllowPrivateAddresses"),
        ("Registration:JwksFetchTimeout", $"{OutboundFetchOptions.SectionName}:Timeout"),
        ("Registration:JwksCacheLifetime", $"{OutboundFetchOptions.SectionName}:CacheLifetime"),
    ];

    public static WebApplicationBuilder AddRegistrationApi(this WebApplicationBuilder builder)
    {
        foreach (var (old, replacement) in Renamed)
            if (builder.Configuration[old] is not null)
                throw new MissingSettingException($"{old} has been renamed {replacement} (environment {replacement.Replace(":", "__")}): set that instead.");
        // RFC 7591 §3.2.1 answers leave out a member that has no value, rather than write null.
        builder.Services.AddWireJson(RegistrationJson.Default, writeNulls: false);
        builder.Services.AddOptions<RegistrationOptions>()
            .BindConfiguration(RegistrationOptions.SectionName)
            .PostConfigure<IHostEnvironment>((options, environment) => options.AcceptAdminCredentials ??= environment.IsDevelopment())
            .Validate<IHostEnvironment>((options, environment) => environment.IsDevelopment() || options.PublicBaseUrl is { Length: > 0 },
                "Registration:PublicBaseUrl is required outside Development (e.g. https://auth.example.com): registration_client_uri " +
                "is built on it, never on a Host header a caller can forge.")
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(services => new SecretHasher(services.GetRequiredService<IOptions<RegistrationOptions>>().Value.BcryptWorkFactor));
        builder.Services.AddSingleton<ClientInformation>();
        builder.Services.AddSingleton<JwksSource>();
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
