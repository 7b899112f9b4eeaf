using System.Text.Json;
using System.Text.Json.Serialization;
using AutoMapper;
using Catalog.Application.Common.Auditing;
using Catalog.Application.Common.Concurrency;
using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;

namespace Catalog.Application.Products.Commands.UpdateProduct;

/// <summary>
/// Replaces a product's writable fields (PUT): omitted optional fields take their defaults, except the slug and
/// the stock, which stay as they are when omitted. Needs the current ETag in <see cref="IfMatch"/>.
/// </summary>
[Authorize(Permissions.ProductsWrite)]
public sealed record UpdateProductCommand(
    string Name,
    string? Slug,
    string? Description,
    string? ShortDescription,
    decimal? Price,
    decimal? CompareAtPrice,
    decimal? Cost,
    Guid? CategoryId,
    Guid? BrandId,
    string? Sku,
    string? Barcode,
    int? StockQuantity,
    int? LowStockThreshold,
    decimal? Weight,
    JsonElement? Dimensions,
    JsonElement? Images,
    IReadOnlyList<string>? Tags,
    JsonElement? Metadata,
    bool? IsFeatured,
    bool? IsActive) : ICommand<ProductResponse>, IProductFields
{
    [JsonIgnore]
    public Guid Id { get; init; }

    [JsonIgnore]
    public uint? IfMatch { get; init; }
}

internal sealed class UpdateProductCommandHandler(
    IProductRepository products,
    IUnitOfWork unitOfWork,
    IAuditTrail audit,
    ICurrentUser currentUser,
    IMapper mapper,
    TimeProvider time) : ICommandHandler<UpdateProductCommand, ProductResponse>
{
    public async Task<Result<ProductResponse>> Handle(UpdateProductCommand request, CancellationToken cancellationToken)
    {
        var product = await products.GetByIdAsync(request.Id, cancellationToken);
        if (product is null)
        {
            return Error.NotFound("product", request.Id);
        }

        var allowed = currentUser.MayChange(product);
        if (allowed.IsFailure)
        {
            return allowed.Error!;
        }

        var precondition = IfMatch.Check(request.IfMatch, product.Version);
        if (precondition.IsFailure)
        {
            return precondition.Error!;
        }

        var details = request.ToDetails();
        var slug = await ProductUniqueness.ResolveAsync(products, request, details, product, cancellationToken);
        if (slug.IsFailure)
        {
            return slug.Error!;
        }

        var before = ProductSnapshot.Of(product);
        var updated = product.Update(details, slug.Value, currentUser.UserId, time.GetUtcNow());
        if (updated.IsFailure)
        {
            return updated.Error!;
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        audit.Record(new AuditEntry("product.updated", "product", product.Id, AuditChanges.Diff(before, ProductSnapshot.Of(product))));
        return mapper.Map<ProductResponse>(product);
    }
}
