using System.ComponentModel;
using Catalog.Application.Categories.Queries.GetCategory;
using Catalog.Application.Categories.Queries.GetCategoryTree;
using Catalog.WebApi.Caching;
using Catalog.WebApi.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Authorization;

namespace Catalog.WebApi.Controllers;

/// <summary>
/// Category reads: the tree and one category with its parent, children and path. The storefront's for everyone; with
/// categories:write, <c>status</c> chooses active, inactive, deleted or all categories (ADR-086).
/// </summary>
[ApiVersion("1.0")]
[Route("api/v{version:apiVersion}/categories")]
public sealed class CategoriesController : ApiControllerBase
{
    /// <summary>The tree, roots first, children by sort order: the active tree, or for staff the categories of <c>status</c>.</summary>
    [HttpGet]
    [EndpointName("getCategoryTree")]
    [EndpointSummary("Get the category tree")]
    [AllowAnonymous]
    [CatalogRead]
    [ProducesResponseType<IReadOnlyList<CategoryNode>>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status401Unauthorized)]
    [ProducesResponseType(StatusCodes.Status403Forbidden)]
    public async Task<IActionResult> Tree(
        [FromQuery, Description(StatusParameter)] string? status, [FromServices] CategoryTreeJson json, CancellationToken cancellationToken) =>
        FromResult(await Mediator.Send(new GetCategoryTreeQuery(status), cancellationToken), json.Ok);

    /// <summary>One category by id or slug.</summary>
    [HttpGet("{idOrSlug}")]
    [EndpointName("getCategory")]
    [EndpointSummary("Get a category by id or slug")]
    [AllowAnonymous]
    [CatalogRead]
    [ProducesResponseType<CategoryDetail>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    [ProducesResponseType(StatusCodes.Status401Unauthorized)]
    [ProducesResponseType(StatusCodes.Status403Forbidden)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Get(string idOrSlug, [FromQuery, Description(StatusParameter)] string? status, CancellationToken cancellationToken) =>
        FromResult(await Mediator.Send(new GetCategoryQuery(idOrSlug, status), cancellationToken), category => this.OkWithETag(category, category.Version));

    private const string StatusParameter =
        "Which categories: active, inactive, deleted or all. With categories:write the default is the live ones (active and inactive), "
        + "and each carries its status (and deletedAt when deleted). Without categories:write only no status (the storefront's "
        + "answer) or active is accepted; inactive, deleted or all answer 401 or 403.";
}
