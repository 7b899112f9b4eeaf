using Catalog.Application.Products;
using Catalog.Application.Products.Queries.ExportProducts;
using Catalog.Domain.Common;
using MediatR;
using Microsoft.AspNetCore.Http;

namespace Catalog.BackOffice;

/// <summary>
/// <c>GET /admin/products/export</c>: the product list's current filters as a CSV download, through the API's own
/// <see cref="ExportProductsQuery"/> and writer (products:read, checked by the query).
/// </summary>
internal static class ProductExportEndpoint
{
    public const string Path = "/admin/products/export";

    public static async Task<IResult> ExportAsync(
        HttpContext httpContext, IMediator mediator, string? q, string? status, string? category, string? brand, bool? inStock)
    {
        var filter = new ProductFilter(Q: Blank(q), Category: Blank(category), Brand: Blank(brand), InStock: inStock, Status: Blank(status) ?? "draft");
        var result = await mediator.Send(new ExportProductsQuery(filter, "csv"), httpContext.RequestAborted);
        if (result.IsFailure)
        {
            var error = result.Error!;
            return Results.Problem(detail: error.Message, statusCode: error.Type switch
            {
                ErrorType.Unauthorized => StatusCodes.Status401Unauthorized,
                ErrorType.Forbidden => StatusCodes.Status403Forbidden,
                _ => StatusCodes.Status400BadRequest,
            });
        }

        var export = result.Value;
        httpContext.Response.ContentType = ProductExportFormats.ContentType(export.Format);
        httpContext.Response.Headers.ContentDisposition = $"attachment; filename=\"products.{export.Format}\"";
        await ProductExportFormats.WriteAsync(export, httpContext.Response.Body, httpContext.RequestAborted);
        return Results.Empty;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
