using System.ComponentModel;
using System.Text.Json.Serialization;

namespace ClientPlatform.Admin.Api;

/// <summary>Where a page is (seed 004: its member names are camelCase, unlike the rest of the wire).</summary>
[Description("Where this page is.")]
internal sealed record Pagination(
    [property: Description("This page, from 1.")] int Page,
    [property: Description("Items per page.")] int Limit,
    [property: Description("Matching items in all (exact).")] int Total,
    [property: Description("Pages in all."), JsonPropertyName("totalPages")] int TotalPages,
    [property: Description("A next page exists."), JsonPropertyName("hasNext")] bool HasNext,
    [property: Description("A previous page exists."), JsonPropertyName("hasPrev")] bool HasPrev)
{
    public static Pagination Of(int page, int limit, int total)
    {
        var pages = (int)Math.Ceiling(total / (double)limit);
        return new(page, limit, total, pages, page < pages, page > 1);
    }
}
