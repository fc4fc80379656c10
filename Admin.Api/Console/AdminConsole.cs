using System.Reflection;

namespace ClientPlatform.Admin.Api.WebConsole;

/// <summary>
/// The admin console: one static page and its script and style, embedded in this assembly (so every build and
/// image carries them, with no file to find at run time), served anonymously at /admin/console. It holds no
/// secret: the admin key a person types stays in the page's memory and goes only into the Authorization header
/// of its calls to this same API, whose rules (and messages) are the console's. Every answer carries a
/// Content-Security-Policy that allows nothing but this origin's own script, style and API — no inline script
/// or style, no third party — so injected markup can run nothing.
/// </summary>
internal static class AdminConsole
{
    public const string Path = "/admin/console";

    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static readonly Dictionary<string, (string ResourceName, string ContentType)> Files = new(StringComparer.Ordinal)
    {
        ["index.html"] = ("console.index.html", "text/html; charset=utf-8"),
        ["console.js"] = ("console.console.js", "text/javascript; charset=utf-8"),
        ["console.css"] = ("console.console.css", "text/css; charset=utf-8"),
    };

    public static IEndpointRouteBuilder MapAdminConsole(this IEndpointRouteBuilder app)
    {
        var files = Files.ToDictionary(f => f.Key, f => (Bytes: Read(f.Value.ResourceName), f.Value.ContentType));
        var console = app.MapGroup(Path).ExcludeFromDescription();
        // "" also answers /admin/console/ (routing ignores a trailing slash).
        console.MapGet("", (HttpContext context) => Serve(context, files["index.html"]));
        console.MapGet("/{file}", Results<FileContentHttpResult, NotFound> (string file, HttpContext context) =>
            files.TryGetValue(file, out var found) ? Serve(context, found) : TypedResults.NotFound());
        return app;
    }

    private static FileContentHttpResult Serve(HttpContext context, (byte[] Bytes, string ContentType) file)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        // The page holds no data; revalidating keeps a deployed change from being hidden by a stale copy.
        headers.CacheControl = "no-cache";
        return TypedResults.Bytes(file.Bytes, file.ContentType);
    }

    private static byte[] Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The console file {name} is not embedded in {Assembly.GetExecutingAssembly().GetName().Name}.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
