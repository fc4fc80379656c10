using System.Text;

namespace ClientPlatform.ServiceDefaults;

/// <summary>
/// Whether the percent-encoded bytes of a raw URL component form UTF-8. ASP.NET leaves a sequence that does not
/// ("%FF") as it is, and a proxy then re-encodes its '%', so such text would travel on as the literal "%FF":
/// the gateway refuses it at the edge (Gateway/EdgeChecks.cs), and the APIs again for direct callers.
/// </summary>
public static class PercentEncoding
{
    public const string NotUtf8 = "must be valid percent-encoded UTF-8";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool IsUtf8(ReadOnlySpan<char> raw)
    {
        if (raw.IndexOf('%') < 0)
            return true;
        var bytes = new List<byte>(raw.Length);
        Span<byte> encoded = stackalloc byte[4];
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] == '%' && i + 2 < raw.Length && byte.TryParse(raw.Slice(i + 1, 2), System.Globalization.NumberStyles.HexNumber, null, out var b))
            {
                bytes.Add(b);
                i += 2;
                continue;
            }
            var pair = char.IsHighSurrogate(raw[i]) && i + 1 < raw.Length ? 2 : 1;
            var length = Encoding.UTF8.GetBytes(raw.Slice(i, pair), encoded);
            bytes.AddRange(encoded[..length]);
            i += pair - 1;
        }
        try
        {
            _ = StrictUtf8.GetCharCount([.. bytes]);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>The path of the request target as the client sent it (still encoded).</summary>
    public static ReadOnlySpan<char> RawPath(Microsoft.AspNetCore.Http.HttpContext context)
    {
        if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget is not { } target)
            return context.Request.Path.Value;
        var query = target.IndexOf('?');
        return query < 0 ? target : target.AsSpan(0, query);
    }
}
