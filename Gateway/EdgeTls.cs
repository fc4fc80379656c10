using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace ClientPlatform.Gateway;

/// <summary>
/// TLS at the edge. RFC 7591 §5 and RFC 7592 §5: the registration endpoints "MUST" be served over TLS (they carry
/// secrets and bearer tokens). The gateway terminates it with Kestrel's own settings, so Kestrel loads the certificate
/// and reloads it when its files change, with no restart:
/// <c>Kestrel__Certificates__Default__Path=/run/secrets/tls/tls.crt</c>, <c>…__KeyPath=…/tls.key</c> (PEM, as a
/// Kubernetes TLS secret holds them) and <c>ASPNETCORE_HTTPS_PORTS=8443</c> (or <c>Kestrel__Endpoints__…</c>).
/// With an HTTPS listener:
/// <list type="bullet">
/// <item>plain HTTP on a public port (<c>Gateway:PublicHttp</c>): <c>Redirect</c>, the default, answers 308 to the same
/// URL over https on <c>Gateway:PublicHttpsPort</c> (the port clients reach, 443 unless said); <c>Off</c> closes the
/// connection without an answer. /health and /alive stay answered over HTTP for probes, and the admin listener is the
/// deployment's to decide (it is never public);</item>
/// <item>HSTS on every HTTPS answer (one year), outside Development.</item>
/// </list>
/// Outside Development the gateway refuses to start without an HTTPS listener, unless
/// <c>Gateway:TlsTerminatedUpstream=true</c> says a load balancer in front terminates TLS.
/// </summary>
internal static class EdgeTls
{
    public const string Section = "Gateway";
    public static readonly TimeSpan HstsMaxAge = TimeSpan.FromDays(365);

    public static WebApplicationBuilder AddEdgeTls(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<EdgeTlsOptions>().BindConfiguration(Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<EdgeTlsOptions>, EdgeTlsValidation>();
        builder.Services.AddHsts(hsts => hsts.MaxAge = HstsMaxAge);
        return builder;
    }

    public static WebApplication UseEdgeTls(this WebApplication app)
    {
        if (!HasHttpsListener(app.Configuration))
            return app;
        if (!app.Environment.IsDevelopment())
            app.UseHsts();
        app.Use(PlainHttpAsync);
        return app;
    }

    private static Task PlainHttpAsync(HttpContext context, Func<Task> next)
    {
        if (context.Request.IsHttps || IsProbe(context.Request.Path))
            return next();
        var options = context.RequestServices.GetRequiredService<IOptions<EdgeTlsOptions>>().Value;
        var admin = context.RequestServices.GetRequiredService<IOptions<AdminListenerOptions>>().Value.AdminPort;
        if (admin != 0 && context.Connection.LocalPort == admin)
            return next();
        if (options.PublicHttp == PublicHttp.Off)
        {
            context.Abort();
            return Task.CompletedTask;
        }
        // The caller's own host (HostString.Host keeps an IPv6 address's brackets), on the port clients reach HTTPS at.
        var port = options.PublicHttpsPort == 443 ? "" : $":{options.PublicHttpsPort}";
        var target = $"https://{context.Request.Host.Host}{port}{context.Request.PathBase}{context.Request.Path}{context.Request.QueryString}";
        // 308, not 301: a POST /register stays a POST with its body (RFC 9110 §15.4.9).
        context.Response.StatusCode = StatusCodes.Status308PermanentRedirect;
        context.Response.Headers.Location = target;
        return Task.CompletedTask;
    }

    private static bool IsProbe(PathString path) =>
        path.Equals(ServiceDefaults.Extensions.HealthPath, StringComparison.OrdinalIgnoreCase)
        || path.Equals(ServiceDefaults.Extensions.AlivePath, StringComparison.OrdinalIgnoreCase);

    /// <summary>An HTTPS listener as Kestrel reads its settings: HTTPS ports, https URLs, or an https endpoint.</summary>
    public static bool HasHttpsListener(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["HTTPS_PORTS"]) || !string.IsNullOrWhiteSpace(configuration["ASPNETCORE_HTTPS_PORTS"])
        || (configuration["URLS"] ?? configuration["ASPNETCORE_URLS"] ?? "").Contains("https://", StringComparison.OrdinalIgnoreCase)
        || configuration.GetSection("Kestrel:Endpoints").GetChildren()
            .Any(e => (e["Url"] ?? "").StartsWith("https://", StringComparison.OrdinalIgnoreCase));

    /// <summary>The default certificate's files, read as Kestrel will: one sentence now rather than a stack trace at bind.</summary>
    public static string? CertificateProblem(IConfiguration configuration)
    {
        var path = configuration["Kestrel:Certificates:Default:Path"];
        var keyPath = configuration["Kestrel:Certificates:Default:KeyPath"];
        if (string.IsNullOrEmpty(path) || string.IsNullOrEmpty(keyPath))
            return null; // a PFX, a store, or Kestrel's development certificate: Kestrel's own checks apply
        try
        {
            using var certificate = X509Certificate2.CreateFromPemFile(path, keyPath);
            return certificate.NotAfter < DateTime.Now
                ? $"The gateway's TLS certificate {path} expired on {certificate.NotAfter:u}."
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            return $"The gateway's TLS certificate cannot be read from Kestrel:Certificates:Default:Path={path} and KeyPath={keyPath}: {e.Message}";
        }
    }
}

public enum PublicHttp
{
    /// <summary>308 to the same URL over https.</summary>
    Redirect,
    /// <summary>The connection is closed unanswered.</summary>
    Off,
}

internal sealed class EdgeTlsValidation(IConfiguration configuration, IHostEnvironment environment) : IValidateOptions<EdgeTlsOptions>
{
    public ValidateOptionsResult Validate(string? name, EdgeTlsOptions options)
    {
        if (options.PublicHttpsPort is <= 0 or > 65535)
            return ValidateOptionsResult.Fail("Gateway:PublicHttpsPort must be a TCP port (1–65535).");
        if (!environment.IsDevelopment() && !options.TlsTerminatedUpstream && !EdgeTls.HasHttpsListener(configuration))
            return ValidateOptionsResult.Fail("RFC 7591 §5 requires TLS for client registration: give the gateway a certificate "
                + "(Kestrel__Certificates__Default__Path and __KeyPath) and an HTTPS port (ASPNETCORE_HTTPS_PORTS), or set "
                + "Gateway__TlsTerminatedUpstream=true when a load balancer in front terminates TLS.");
        return EdgeTls.CertificateProblem(configuration) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }
}

internal sealed class EdgeTlsOptions
{
    public PublicHttp PublicHttp { get; set; } = PublicHttp.Redirect;

    public int PublicHttpsPort { get; set; } = 443;

    public bool TlsTerminatedUpstream { get; set; }
}
