using System.Net;
using System.Text.Json;
using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.Products;

/// <summary>Small helpers for reading product pages over HTTP.</summary>
public static class ProductApi
{
    public static async Task<(List<JsonElement> Items, string? Next)> PageAsync(this HttpClient client, string url)
    {
        var body = await (await client.GetAsync(url)).AssertStatusAsync(HttpStatusCode.OK);
        var next = body.GetProperty("nextCursor");
        return (body.GetProperty("items").EnumerateArray().ToList(), next.ValueKind == JsonValueKind.Null ? null : next.GetString());
    }

    public static async Task<List<string>> NamesAsync(this HttpClient client, string url) =>
        (await client.PageAsync(url)).Items.Select(i => i.GetProperty("name").GetString()!).ToList();

    /// <summary>Follows nextCursor to the end; <paramref name="between"/> runs after each page.</summary>
    public static async Task<List<JsonElement>> WalkAsync(this HttpClient client, string url, Func<int, Task>? between = null)
    {
        var all = new List<JsonElement>();
        string? cursor = null;
        var page = 0;
        do
        {
            var separator = url.Contains('?', StringComparison.Ordinal) ? "&" : "?";
            var (items, next) = await client.PageAsync(cursor is null ? url : $"{url}{separator}cursor={Uri.EscapeDataString(cursor)}");
            all.AddRange(items);
            cursor = next;
            if (between is not null)
            {
                await between(page);
            }

            Assert.True(++page < 1000, "the walk does not end");
        }
        while (cursor is not null);
        return all;
    }
}
