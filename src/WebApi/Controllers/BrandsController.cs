using System.ComponentModel;
using Catalog.Application.Brands;
using Catalog.Application.Brands.Queries.GetBrand;
using Catalog.Application.Brands.Queries.ListBrands;
using Catalog.Application.Common.Paging;
using Catalog.WebApi.Caching;
using Catalog.WebApi.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Authorization;

namespace Catalog.WebApi.Controllers;

/// <summary>
/// Brand reads: the list and one brand. The storefront's for everyone; with brands:write, <c>status</c> chooses active,
/// inactive, deleted or all brands (ADR-086).
/// </summary>
[ApiVersion("1.0")]
[Route("api/v{version:apiVersion}/brands")]
public sealed class BrandsController : ApiControllerBase
{
    /// <summary>A keyset page of brands in name order: the active ones, or for staff those of <c>status</c>.</summary>
    [HttpGet]
    [EndpointName("listBrands")]
    [EndpointSummary("List brands")]
    [AllowAnonymous]
    [CatalogRead]
    [ProducesResponseType<Page<BrandListItem>>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status401Unauthorized)]
    [ProducesResponseType(StatusCodes.Status403Forbidden)]
    public async Task<IActionResult> List(
        [FromQuery] int? limit,
        [FromQuery] string? cursor,
        [FromQuery, Description(StatusParameter)] string? status,
        CancellationToken cancellationToken) =>
        FromResult(await Mediator.Send(new ListBrandsQuery(limit, cursor, status), cancellationToken));

    /// <summary>One brand by id or slug.</summary>
    [HttpGet("{idOrSlug}")]
    [EndpointName("getBrand")]
    [EndpointSummary("Get a brand by id or slug")]
    [AllowAnonymous]
    [CatalogRead]
    [ProducesResponseType<BrandResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status401Unauthorized)]
    [ProducesResponseType(StatusCodes.Status403Forbidden)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Get(string idOrSlug, [FromQuery, Description(StatusParameter)] string? status, CancellationToken cancellationToken) =>
        FromResult(await Mediator.Send(new GetBrandQuery(idOrSlug, status), cancellationToken), brand => this.OkWithETag(brand, brand.Version));

    private const string StatusParameter =
        "Which brands: active, inactive, deleted or all. With brands:write the default is the live ones (active and inactive), "
        + "and each carries its status (and deletedAt when deleted). Without brands:write only no status (the storefront's "
        + "answer) or active is accepted; inactive, deleted or all answer 401 or 403.";
}
