using System.Text.Json;
using Catalog.Application.Categories.Queries.GetCategoryTree;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Infrastructure;

namespace Catalog.WebApi.Infrastructure;

/// <summary>
/// The storefront category tree's JSON, written once per tree version and then copied to every answer (ADR-102): the
/// tree holds every category (2,000 in the benchmark catalog), and serialising it per request was most of its cost.
/// The bytes are MVC's: its formatter's serializer options (<see cref="ResponseJson"/>), the same runtime type. A staff
/// tree (no version) goes through MVC's formatter as every other answer does.
/// </summary>
public sealed class CategoryTreeJson(ResponseJson json)
{
    private Rendered? _last;

    public IActionResult Ok(CategoryTree tree)
    {
        if (tree.Version is not { } version)
        {
            return new OkObjectResult(tree.Roots);
        }

        var last = Volatile.Read(ref _last);
        if (last is null || last.Version != version)
        {
            last = new Rendered(version, JsonSerializer.SerializeToUtf8Bytes(tree.Roots, tree.Roots.GetType(), json.Options));
            Volatile.Write(ref _last, last);
        }

        return new Utf8JsonResult(last.Json);
    }

    private sealed record Rendered(long Version, byte[] Json);
}

/// <summary>A 200 whose JSON body is already written.</summary>
internal sealed class Utf8JsonResult(ReadOnlyMemory<byte> json) : IActionResult, IStatusCodeActionResult
{
    public int? StatusCode => StatusCodes.Status200OK;

    public Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = json.Length;
        return response.Body.WriteAsync(json, context.HttpContext.RequestAborted).AsTask();
    }
}
