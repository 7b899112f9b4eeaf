using Catalog.Application.Common.Security;
using Catalog.Domain.Common;
using Catalog.Domain.Products;

namespace Catalog.Application.Products;

/// <summary>
/// A published product's content is what a holder of products:publish approved; products:write alone must not change
/// it, or an editor could put anything on the storefront without review. Every write path that changes an existing
/// product's fields (PUT, an import row for an existing SKU) asks this guard first (ADR-077).
/// </summary>
internal static class PublishedProductGuard
{
    public const string Code = "product.publish_required";

    /// <summary>Refuses (403) a change to a published product by a caller without products:publish.</summary>
    public static Result MayChange(this ICurrentUser caller, Product product) =>
        product.Status == ProductStatus.Published && !caller.HasPermission(Permissions.ProductsPublish)
            ? new Error(Code, $"Changing a published product requires the '{Permissions.ProductsPublish}' permission; unpublish it first or ask a publisher.", ErrorType.Forbidden)
            : Result.Success();
}
