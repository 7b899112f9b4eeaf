using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Catalog.Application.Brands;
using Catalog.Application.Categories.Queries.GetCategory;
using Catalog.Application.Common.Paging;
using Catalog.Application.Products;
using Catalog.Application.Products.Queries.GetProduct;
using Catalog.Application.Products.Queries.SearchProducts;
using Catalog.Application.Reviews.Queries.ListProductReviews;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Infrastructure;

namespace Catalog.WebApi.Infrastructure;

/// <summary>
/// Serialization code generated at build time for the single-resource reads (product, category, brand) and the
/// storefront's hot lists (a product page, search hits, a product's review page): written property by property by the
/// generated code, with no converter lookups and no reflection at run time (ADR-074, ADR-122). A type is listed here by
/// its runtime type (<see cref="GeneratedJsonResult.For"/> looks the body's up).
/// The options are MVC's (web defaults, nothing ignored); these read models hold no enums, so the enum converter MVC
/// carries is not needed, and without it the generated fast path applies. The encoder is the writer's, not the
/// context's: a context with an encoder set loses the fast path, so <see cref="GeneratedJsonResult"/> writes through a
/// writer with MVC's (<see cref="ResponseJson"/>).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ProductDetail))]
[JsonSerializable(typeof(ProductBackOfficeDetail))]
[JsonSerializable(typeof(CategoryDetail))]
[JsonSerializable(typeof(BrandResponse))]
[JsonSerializable(typeof(Page<ProductListItem>))]
[JsonSerializable(typeof(ProductSearchHit[]))]
[JsonSerializable(typeof(ReviewPage))]
internal sealed partial class ReadModelJsonContext : JsonSerializerContext;

/// <summary>A 200 with a JSON body written by generated code (<see cref="ReadModelJsonContext"/>).</summary>
internal sealed class GeneratedJsonResult(object value, JsonTypeInfo typeInfo) : IActionResult, IStatusCodeActionResult
{
    public int? StatusCode => StatusCodes.Status200OK;

    /// <summary>The generated writer for <paramref name="body"/>'s runtime type, or null when the context has none.</summary>
    public static GeneratedJsonResult? For(object? body) =>
        body is not null && ReadModelJsonContext.Default.GetTypeInfo(body.GetType()) is { } typeInfo ? new GeneratedJsonResult(body, typeInfo) : null;

    public Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        WriteTo(response.BodyWriter, context.HttpContext.RequestServices.GetRequiredService<ResponseJson>().WriterOptions);
        return response.BodyWriter.FlushAsync(context.HttpContext.RequestAborted).AsTask();
    }

    /// <summary>
    /// The body, written whole into <paramref name="output"/> with <paramref name="options"/> (MVC's escaping): these
    /// bodies are bounded (one resource, one page), so nothing is flushed before the end.
    /// </summary>
    internal void WriteTo(IBufferWriter<byte> output, JsonWriterOptions options)
    {
        using var writer = new Utf8JsonWriter(output, options);
        JsonSerializer.Serialize(writer, value, typeInfo);
    }
}
