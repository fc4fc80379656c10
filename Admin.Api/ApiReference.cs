using Scalar.AspNetCore;

namespace ClientPlatform.Admin.Api;

/// <summary>
/// The browsable reference of both APIs (Scalar, its script served from this process: no CDN) at /admin/docs.
/// On when ApiReference:Enabled says so; unset, on in Development (./run.sh) and off elsewhere, so that a
/// production deployment shows its attack surface only when its operators choose to.
/// </summary>
internal static class ApiReference
{
    public const string EnabledSetting = "ApiReference:Enabled";
    public const string Path = "/admin/docs";

    public static WebApplication MapApiReference(this WebApplication app)
    {
        if (!(app.Configuration.GetValue<bool?>(EnabledSetting) ?? app.Environment.IsDevelopment()))
            return app;
        // Both documents, through the gateway that serves /register and /admin on one origin.
        app.MapScalarApiReference(Path, options => options
            .WithTitle("ClientPlatform API reference")
            .AddDocument("admin", "Admin API", "/admin/openapi.json", isDefault: true)
            .AddDocument("register", "Registration API (RFC 7591, RFC 7592)", "/register/openapi.json"));
        return app;
    }
}
