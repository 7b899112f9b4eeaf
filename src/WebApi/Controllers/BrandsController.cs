using Catalog.Application.Brands;
using Catalog.Application.Brands.Queries.GetBrand;
using Catalog.WebApi.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Catalog.WebApi.Controllers;

[ApiVersion("1.0")]
[Route("api/v{version:apiVersion}/brands")]
public sealed class BrandsController : ApiControllerBase
{
    /// <summary>One brand by id or slug.</summary>
    [HttpGet("{idOrSlug}")]
    [ProducesResponseType<BrandResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Get(string idOrSlug, CancellationToken cancellationToken) =>
        FromResult(await Mediator.Send(new GetBrandQuery(idOrSlug), cancellationToken), brand => this.OkWithETag(brand, brand.Version));
}
