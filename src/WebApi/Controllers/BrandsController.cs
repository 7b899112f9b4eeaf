using Catalog.Application.Brands;
using Catalog.Application.Brands.Queries.GetBrand;
using Catalog.Application.Brands.Queries.ListBrands;
using Catalog.Application.Common.Paging;
using Catalog.WebApi.Caching;
using Catalog.WebApi.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Authorization;

namespace Catalog.WebApi.Controllers;

[ApiVersion("1.0")]
[Route("api/v{version:apiVersion}/brands")]
public sealed class BrandsController : ApiControllerBase
{
    /// <summary>A keyset page of active brands in name order.</summary>
    [HttpGet]
    [EndpointName("listBrands")]
    [EndpointSummary("List brands")]
    [AllowAnonymous]
    [CatalogRead]
    [ProducesResponseType<Page<BrandListItem>>(StatusCodes.Status200OK)]
    public async Task<IActionResult> List([FromQuery] int? limit, [FromQuery] string? cursor, CancellationToken cancellationToken) =>
        FromResult(await Mediator.Send(new ListBrandsQuery(limit, cursor), cancellationToken));

    /// <summary>One brand by id or slug.</summary>
    [HttpGet("{idOrSlug}")]
    [EndpointName("getBrand")]
    [EndpointSummary("Get a brand by id or slug")]
    [AllowAnonymous]
    [CatalogRead]
    [ProducesResponseType<BrandResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Get(string idOrSlug, CancellationToken cancellationToken) =>
        FromResult(await Mediator.Send(new GetBrandQuery(idOrSlug), cancellationToken), brand => this.OkWithETag(brand, brand.Version));
}
