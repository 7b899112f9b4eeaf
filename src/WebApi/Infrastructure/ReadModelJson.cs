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
/// carries is not needed, and without it the generated fast path applies.
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
        return JsonSerializer.SerializeAsync(response.BodyWriter, value, typeInfo, context.HttpContext.RequestAborted);
    }
}
