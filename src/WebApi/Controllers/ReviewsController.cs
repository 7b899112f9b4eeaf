using Catalog.Application.Common.Paging;
using Catalog.Application.Reviews.Queries.ListProductReviews;
using Catalog.Application.Reviews.Queries.ListReviews;
using Catalog.WebApi.Security;
using Catalog.WebApi.Caching;
using Catalog.WebApi.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Authorization;

namespace Catalog.WebApi.Controllers;

/// <summary>Review reads: a product's reviews with its rating summary.</summary>
[ApiVersion("1.0")]
[Route("api/v{version:apiVersion}")]
public sealed class ReviewsController : ApiControllerBase
{
    /// <summary>A page of a product's reviews (<c>sort</c> ∈ newest, oldest, helpful, rating, -rating; <c>rating</c> 1..5) and <c>summary</c>.</summary>
    [HttpGet("products/{idOrSlug}/reviews")]
    [EndpointName("listProductReviews")]
    [EndpointSummary("List a product's reviews")]
    [AllowAnonymous]
    [CatalogRead]
    [ProducesResponseType<ReviewPage>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> ListForProduct(
        string idOrSlug,
        [FromQuery] string? sort,
        [FromQuery] int? rating,
        [FromQuery] int? limit,
        [FromQuery] string? cursor,
        CancellationToken cancellationToken) =>
        FromResult(await Mediator.Send(new ListProductReviewsQuery(idOrSlug, sort, rating, limit, cursor), cancellationToken));

    /// <summary>Reviews across products, newest first, for moderators (reviews:moderate); <c>deleted=true</c> lists the deleted ones.</summary>
    [HttpGet("reviews")]
    [EndpointName("listReviews")]
    [EndpointSummary("List reviews across products for moderation")]
    [AuthorizeAs<ListReviewsQuery>]
    [ProducesResponseType<Page<ModerationReviewItem>>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status401Unauthorized)]
    [ProducesResponseType(StatusCodes.Status403Forbidden)]
    public async Task<IActionResult> List(
        [FromQuery] int? rating,
        [FromQuery] Guid? productId,
        [FromQuery] bool? deleted,
        [FromQuery] int? limit,
        [FromQuery] string? cursor,
        CancellationToken cancellationToken) =>
        FromResult(await Mediator.Send(new ListReviewsQuery(rating, productId, deleted ?? false, limit, cursor), cancellationToken));
}
