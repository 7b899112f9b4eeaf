using Catalog.Domain.Common;

namespace Catalog.Domain.Products;

public sealed partial class Product
{
    public Result SubmitForReview(Guid? userId, DateTimeOffset now)
    {
        if (Status is not (ProductStatus.Draft or ProductStatus.Rejected))
        {
            return InvalidTransition("submit for review", "draft or rejected");
        }

        Status = ProductStatus.InReview;
        SubmittedAt = now;
        Touch(userId, now, "submitted");
        return Result.Success();
    }

    /// <summary>Publishes from draft or in_review; the first publication time is kept across unpublish/publish.</summary>
    public Result Publish(Guid? userId, DateTimeOffset now)
    {
        if (Status is not (ProductStatus.Draft or ProductStatus.InReview))
        {
            return InvalidTransition("publish", "draft or in_review");
        }

        Status = ProductStatus.Published;
        ReviewRemark = null;
        // PostgreSQL keeps microseconds: store what a later read will return.
        PublishedAt ??= new DateTimeOffset(now.Ticks - (now.Ticks % 10), now.Offset);
        Touch(userId, now, "published");
        return Result.Success();
    }

    public Result Reject(string remark, Guid? userId, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(remark) || remark.Length > RemarkMaxLength)
        {
            return Error.Validation("remark", $"A remark of at most {RemarkMaxLength} characters is required.");
        }

        if (Status != ProductStatus.InReview)
        {
            return InvalidTransition("reject", "in_review");
        }

        Status = ProductStatus.Rejected;
        ReviewRemark = remark.Trim();
        Touch(userId, now, "rejected");
        return Result.Success();
    }

    public Result Unpublish(Guid? userId, DateTimeOffset now)
    {
        if (Status != ProductStatus.Published)
        {
            return InvalidTransition("unpublish", "published");
        }

        Status = ProductStatus.Draft;
        Touch(userId, now, "unpublished");
        return Result.Success();
    }

    public Result Archive(Guid? userId, DateTimeOffset now)
    {
        if (Status == ProductStatus.Archived)
        {
            return InvalidTransition("archive", "any status but archived");
        }

        Status = ProductStatus.Archived;
        Touch(userId, now, "archived");
        return Result.Success();
    }

    /// <summary>Takes an archived product back to draft: it goes through review and publication again to reach the storefront.</summary>
    public Result Unarchive(Guid? userId, DateTimeOffset now)
    {
        if (Status != ProductStatus.Archived)
        {
            return InvalidTransition("unarchive", "archived");
        }

        Status = ProductStatus.Draft;
        Touch(userId, now, "unarchived");
        return Result.Success();
    }

    private Error InvalidTransition(string action, string allowedFrom) =>
        Error.Conflict("product.invalid_status", $"Cannot {action} a product that is {ToWire(Status)}; allowed from {allowedFrom}.");

    public static string ToWire(ProductStatus status) => status switch
    {
        ProductStatus.Draft => "draft",
        ProductStatus.InReview => "in_review",
        ProductStatus.Published => "published",
        ProductStatus.Rejected => "rejected",
        _ => "archived",
    };

    public static ProductStatus FromWire(string status) => status switch
    {
        "draft" => ProductStatus.Draft,
        "in_review" => ProductStatus.InReview,
        "published" => ProductStatus.Published,
        "rejected" => ProductStatus.Rejected,
        "archived" => ProductStatus.Archived,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown product status."),
    };
}
