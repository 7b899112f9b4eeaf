using Catalog.Application.Categories.Queries.GetCategory;
using Catalog.Application.Categories.Queries.GetCategoryTree;
using Catalog.WebApi.Caching;
using Catalog.WebApi.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Authorization;

namespace Catalog.WebApi.Controllers;

/// <summary>Category reads: the active tree and one category with its parent, children and path.</summary>
[ApiVersion("1.0")]
[Route("api/v{version:apiVersion}/categories")]
public sealed class CategoriesController : ApiControllerBase
{
    /// <summary>The whole active tree, roots first, children by sort order.</summary>
    [HttpGet]
    [EndpointName("getCategoryTree")]
    [EndpointSummary("Get the category tree")]
    [AllowAnonymous]
    [CatalogRead]
    [ProducesResponseType<IReadOnlyList<CategoryNode>>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Tree(CancellationToken cancellationToken) =>
        FromResult(await Mediator.Send(new GetCategoryTreeQuery(), cancellationToken));

    /// <summary>One category by id or slug.</summary>
    [HttpGet("{idOrSlug}")]
    [EndpointName("getCategory")]
    [EndpointSummary("Get a category by id or slug")]
    [AllowAnonymous]
    [CatalogRead]
    [ProducesResponseType<CategoryDetail>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Get(string idOrSlug, CancellationToken cancellationToken) =>
        FromResult(await Mediator.Send(new GetCategoryQuery(idOrSlug), cancellationToken), category => this.OkWithETag(category, category.Version));
}
