using System.Text.Json;
using System.Text.Json.Serialization;
using AutoMapper;
using Catalog.Application.Common.Commands;
using Catalog.Application.Common.Concurrency;
using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;

namespace Catalog.Application.Reviews.Commands.UpdateReview;

/// <summary>PATCH: its author changes the fields present; a new rating moves the product's figures in the same transaction.</summary>
[Authorize(UsersOnly = true)]
public sealed record UpdateReviewCommand(int? Rating, string? Title, string? Comment, IReadOnlyList<string>? Pros, IReadOnlyList<string>? Cons, JsonElement? Images) : ICommand<ReviewResponse>
{
    [JsonIgnore]
    public Guid Id { get; init; }
}

internal sealed class UpdateReviewCommandHandler(
    IReviewRepository reviews,
    IProductRepository products,
    AggregateChange change,
    ICurrentUser currentUser,
    IMapper mapper,
    TimeProvider time) : ICommandHandler<UpdateReviewCommand, ReviewResponse>
{
    public async Task<Result<ReviewResponse>> Handle(UpdateReviewCommand request, CancellationToken cancellationToken)
    {
        var updated = await change.ApplyAsync(reviews.GetByIdAsync(request.Id, cancellationToken), request.Id, ExpectedVersion.Any, "updated", async review =>
        {
            var oldRating = review.Rating;
            var now = time.GetUtcNow();
            var edited = review.Edit(currentUser.UserId!.Value, request.Rating, request.Title, request.Comment, request.Pros, request.Cons, ReviewRules.ToJson(request.Images), now);
            if (edited.IsSuccess && review.Rating != oldRating && await products.GetIncludingDeletedForUpdateAsync(review.ProductId, cancellationToken) is { } product)
            {
                product.ApplyReviewChange(oldRating, review.Rating, now);
            }

            return edited;
        }, cancellationToken);
        return updated.Map(mapper.Map<ReviewResponse>);
    }
}
