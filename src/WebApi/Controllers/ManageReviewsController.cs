using Catalog.Application.Reviews.Commands;
using Catalog.Application.Reviews.Commands.CreateReview;
using Catalog.Application.Reviews.Commands.DeleteReview;
using Catalog.Application.Reviews.Commands.MarkReviewHelpful;
using Catalog.Application.Reviews.Commands.RestoreReview;
using Catalog.Application.Reviews.Commands.UpdateReview;
using Catalog.Application.Reviews;
using Catalog.WebApi.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Catalog.WebApi.Security;

namespace Catalog.WebApi.Controllers;

/// <summary>The write side of reviews (the reads live in ReviewsController).</summary>
[ApiVersion("1.0")]
[Route("api/v{version:apiVersion}")]
public sealed class ManageReviewsController : ApiControllerBase
{
    /// <summary>Reviews a product, once per user: 201; a second review → 409.</summary>
    [HttpPost("products/{idOrSlug:guid}/reviews")]
    [EndpointName("createReview")]
    [EndpointSummary("Review a product")]
    [AuthorizeAs<CreateReviewCommand>]
    [Consumes("application/json")]
    [ProducesResponseType<ReviewResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Create([FromRoute(Name = "idOrSlug")] Guid productId, CreateReviewCommand command, CancellationToken cancellationToken) =>
        FromResult(await Mediator.Send(command with { ProductId = productId }, cancellationToken), review =>
            Created($"/api/v1/reviews/{review.Id}", review));

    /// <summary>Edits the caller's own review; anyone else → 403.</summary>
    [HttpPatch("reviews/{id:guid}")]
    [EndpointName("updateReview")]
    [EndpointSummary("Edit your review")]
    [AuthorizeAs<UpdateReviewCommand>]
    [Consumes("application/json")]
    [ProducesResponseType<ReviewResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status403Forbidden)]
    public async Task<IActionResult> Update(Guid id, UpdateReviewCommand command, CancellationToken cancellationToken) =>
        FromResult(await Mediator.Send(command with { Id = id }, cancellationToken));

    /// <summary>Deletes a review: its author or reviews:moderate; anyone else → 403.</summary>
    [HttpDelete("reviews/{id:guid}")]
    [EndpointName("deleteReview")]
    [EndpointSummary("Delete a review")]
    [AuthorizeAs<DeleteReviewCommand>]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType(StatusCodes.Status403Forbidden)]
    public async Task<IActionResult> Delete(Guid id, CancellationToken cancellationToken) =>
        NoContentFromResult(await Mediator.Send(new DeleteReviewCommand(id), cancellationToken));

    /// <summary>Marks a review helpful, counted once per user: 200 {helpfulCount}.</summary>
    [HttpPost("reviews/{id:guid}/helpful")]
    [EndpointName("markReviewHelpful")]
    [EndpointSummary("Mark a review helpful")]
    [AuthorizeAs<MarkReviewHelpfulCommand>]
    [ProducesResponseType<HelpfulResponse>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Helpful(Guid id, CancellationToken cancellationToken) =>
        FromResult(await Mediator.Send(new MarkReviewHelpfulCommand(id), cancellationToken));

    /// <summary>Undoes a moderator's delete (reviews:moderate): 200; not deleted, withdrawn by its author, superseded or product deleted → 409.</summary>
    [HttpPost("reviews/{id:guid}/restore")]
    [EndpointName("restoreReview")]
    [EndpointSummary("Restore a review a moderator deleted")]
    [AuthorizeAs<RestoreReviewCommand>]
    [ProducesResponseType<ReviewResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Restore(Guid id, CancellationToken cancellationToken) =>
        FromResult(await Mediator.Send(new RestoreReviewCommand(id), cancellationToken));
}
