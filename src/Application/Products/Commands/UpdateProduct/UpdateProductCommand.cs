using System.Text.Json.Serialization;
using AutoMapper;
using Catalog.Application.Common.Commands;
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
public sealed record UpdateProductCommand : ProductFieldSet, ICommand<ProductResponse>
{
    [JsonIgnore]
    public Guid Id { get; init; }

    [JsonIgnore]
    public uint? IfMatch { get; init; }
}

internal sealed class UpdateProductCommandHandler(
    IProductRepository products,
    AggregateChange change,
    ICurrentUser currentUser,
    IMapper mapper,
    TimeProvider time) : ICommandHandler<UpdateProductCommand, ProductResponse>
{
    public async Task<Result<ProductResponse>> Handle(UpdateProductCommand request, CancellationToken cancellationToken)
    {
        var updated = await change.ApplyAsync(products.GetByIdAsync(request.Id, cancellationToken), request.Id, ExpectedVersion.MustMatch(request.IfMatch), "updated", async product =>
        {
            var details = request.ToDetails();
            var slug = await ProductUniqueness.ResolveAsync(products, request, details, product, cancellationToken);
            return slug.IsFailure ? slug.Error! : product.Update(details, slug.Value, currentUser.UserId, time.GetUtcNow());
        }, cancellationToken, guard: currentUser.MayChange);
        return updated.Map(mapper.Map<ProductResponse>);
    }
}
