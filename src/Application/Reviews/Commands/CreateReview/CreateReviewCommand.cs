using System.Text.Json;
using System.Text.Json.Serialization;
using AutoMapper;
using Catalog.Application.Common.Auditing;
using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;
using Catalog.Domain.Reviews;

namespace Catalog.Application.Reviews.Commands.CreateReview;

/// <summary>A signed-in customer reviews a storefront-visible product, once; the product's rating figures move in the same transaction.</summary>
[Authorize(UsersOnly = true)]
public sealed record CreateReviewCommand(int Rating, string? Title, string? Comment, IReadOnlyList<string>? Pros, IReadOnlyList<string>? Cons, JsonElement? Images) : ICommand<ReviewResponse>
{
    [JsonIgnore]
    public Guid ProductId { get; init; }
}

internal sealed class CreateReviewCommandHandler(
    IReviewRepository reviews,
    IProductRepository products,
    IUnitOfWork unitOfWork,
    IAuditTrail audit,
    ICurrentUser currentUser,
    IMapper mapper,
    TimeProvider time) : ICommandHandler<CreateReviewCommand, ReviewResponse>
{
    public async Task<Result<ReviewResponse>> Handle(CreateReviewCommand request, CancellationToken cancellationToken)
    {
        var userId = currentUser.UserId!.Value;
        var product = await products.GetForUpdateAsync(request.ProductId, cancellationToken);
        if (product is null || !product.IsVisibleOnStorefront)
        {
            return Error.NotFound("product", request.ProductId);
        }

        if (await reviews.ExistsForUserAsync(product.Id, userId, cancellationToken))
        {
            return Error.Conflict("review.already_exists", "You have already reviewed this product; edit your review instead.");
        }

        var now = time.GetUtcNow();
        var created = Review.Create(product.Id, userId, request.Rating, request.Title, request.Comment, request.Pros, request.Cons, ReviewRules.ToJson(request.Images), now);
        if (created.IsFailure)
        {
            return created.Error!;
        }

        reviews.Add(created.Value);
        product.ApplyReviewChange(null, created.Value.Rating, now);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        audit.Record(new AuditEntry("review.created", "review", created.Value.Id, AuditChanges.Created(request with { ProductId = product.Id })));
        return mapper.Map<ReviewResponse>(created.Value);
    }
}
