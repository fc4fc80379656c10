using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

namespace ClientPlatform.Bench.Admin;

/// <summary>The admin API through the gateway, with the bootstrap admin secret.</summary>
internal sealed class AdminCalls(Uri gateway, string adminSecret)
{
    private const int CopyBufferBytes = 64 * 1024;

    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 256 })
    {
        BaseAddress = gateway,
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", adminSecret) },
        Timeout = TimeSpan.FromMinutes(5),
    };

    public async Task<bool> GetAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        return response.IsSuccessStatusCode;
    }

    /// <summary>One <c>POST /admin/clients/reap</c>: how many clients it reaped, and whether some are left.</summary>
    public async Task<(int Reaped, bool More)> ReapAsync()
    {
        using var response = await _http.PostAsync("/admin/clients/reap", content: null);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (json.RootElement.GetProperty("total").GetInt32(), json.RootElement.GetProperty("more").GetBoolean());
    }

    /// <summary>The list's pagination.total for a query: how many clients a search matches.</summary>
    public async Task<int> TotalAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("pagination").GetProperty("total").GetInt32();
    }

    /// <summary>One full export, read to its last byte: times to first and last byte, size and rows.</summary>
    public async Task<ExportRun> ExportAsync(string format)
    {
        var clock = Stopwatch.StartNew();
        using var response = await _http.GetAsync($"/admin/clients/export?format={format}", HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[CopyBufferBytes];
        var kept = format == "json" ? new MemoryStream() : null; // JSON is parsed once complete, to count its objects
        long bytes = 0, newlines = 0;
        var firstByte = TimeSpan.Zero;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            if (bytes == 0)
                firstByte = clock.Elapsed;
            bytes += read;
            newlines += buffer.AsSpan(0, read).Count((byte)'\n');
            kept?.Write(buffer, 0, read);
        }
        var lastByte = clock.Elapsed;
        // CSV: one line per client after the header (the seeded values hold no line breaks).
        var rows = kept is null ? (int)newlines - 1 : CountTopLevelObjects(kept.GetBuffer().AsSpan(0, (int)kept.Length));
        return new ExportRun(firstByte, lastByte, bytes, rows);
    }

    private static int CountTopLevelObjects(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        var count = 0;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.StartObject && reader.CurrentDepth == 1)
                count++;
        }
        return count;
    }
}

internal sealed record ExportRun(TimeSpan FirstByte, TimeSpan LastByte, long Bytes, int Rows);
