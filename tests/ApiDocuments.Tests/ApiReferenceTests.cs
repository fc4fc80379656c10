using System.Net;

namespace ClientPlatform.ApiDocuments.Tests;

/// <summary>Issue 14: the browsable reference (Scalar) at /admin/docs, served from this process, and off when set so.</summary>
[Collection(ApisCollection.Name)]
public sealed class ApiReferenceTests(DocumentedApis apis)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reference_ShowsBothDocuments_WithItsScriptFromThisServer()
    {
        using var page = await apis.Admin.GetAsync("/admin/docs", Cancel);
        var html = await page.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        // Scalar's page names the documents relative to the site root it is served under (/admin/docs/).
        Assert.Contains("\"url\":\"admin/openapi.json\"", html);
        Assert.Contains("\"url\":\"register/openapi.json\"", html);
        // No third-party CDN: every script the page loads is a path on this server.
        var scripts = System.Text.RegularExpressions.Regex.Matches(html, "<script[^>]*src=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(scripts);
        Assert.All(scripts, src => Assert.DoesNotContain("://", src));
        foreach (var src in scripts)
        {
            using var script = await apis.Admin.GetAsync(new Uri(new Uri(apis.Admin.BaseAddress!, "/admin/docs/"), src), Cancel);
            Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        }
    }

    [Fact]
    public async Task Reference_IsOff_WhenApiReferenceEnabledIsFalse_ButTheDocumentIsStillServed()
    {
        using var page = await apis.AdminWithoutReference.GetAsync("/admin/docs", Cancel);
        using var document = await apis.AdminWithoutReference.GetAsync("/admin/openapi.json", Cancel);

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
    }
}

/// <summary>Issue 14: the console's files, served anonymously with a CSP that allows no inline script or style.</summary>
[Collection(ApisCollection.Name)]
public sealed class ConsoleFilesTests(DocumentedApis apis)
{
    [Theory]
    [InlineData("/admin/console", "text/html")]
    [InlineData("/admin/console/", "text/html")]
    [InlineData("/admin/console/console.js", "text/javascript")]
    [InlineData("/admin/console/console.css", "text/css")]
    public async Task ConsoleFile_IsServedWithAStrictPolicy(string path, string mediaType)
    {
        using var response = await apis.Admin.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task ConsoleFile_Unknown_Is404()
    {
        using var response = await apis.Admin.GetAsync("/admin/console/secrets.txt", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
