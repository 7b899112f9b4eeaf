using AutoMapper;
using Catalog.Application.Common.Auditing;
using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;
using Catalog.Domain.Products;

namespace Catalog.Application.Products.Commands.CreateProduct;

/// <summary>Creates a product in <c>draft</c>; a missing slug is generated from the name.</summary>
[Authorize(Permissions.ProductsWrite)]
public sealed record CreateProductCommand : ProductFieldSet, ICommand<ProductResponse>;

internal sealed class CreateProductCommandHandler(
    IProductRepository products,
    IUnitOfWork unitOfWork,
    IAuditTrail audit,
    ICurrentUser currentUser,
    IMapper mapper,
    TimeProvider time) : ICommandHandler<CreateProductCommand, ProductResponse>
{
    public async Task<Result<ProductResponse>> Handle(CreateProductCommand request, CancellationToken cancellationToken)
    {
        var details = request.ToDetails();
        var slug = await ProductUniqueness.ResolveAsync(products, request, details, null, cancellationToken);
        if (slug.IsFailure)
        {
            return slug.Error!;
        }

        var created = Product.Create(details, slug.Value, currentUser.UserId, time.GetUtcNow());
        if (created.IsFailure)
        {
            return created.Error!;
        }

        products.Add(created.Value);
        // Recorded before the flush so that the product and its audit row are written in one round trip; the flush
        // is needed here because the response's ETag is the row version the insert returns.
        audit.Record(new AuditEntry("product.created", "product", created.Value.Id, AuditChanges.Created(request)));
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return mapper.Map<ProductResponse>(created.Value);
    }
}
