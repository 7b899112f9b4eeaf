using AutoMapper;
using Catalog.Application.Common.Commands;
using Catalog.Application.Common.Concurrency;
using Catalog.Application.Common.Persistence;
using Catalog.Domain.Common;
using Catalog.Domain.Products;

namespace Catalog.Application.Products;

/// <summary>Applies one workflow transition to a live product through the one change skeleton.</summary>
internal static class ProductTransition
{
    public static async Task<Result<ProductResponse>> RunAsync(IProductRepository products, AggregateChange change, IMapper mapper, Guid id, string action, Func<Product, Result> transition, CancellationToken cancellationToken)
    {
        var changed = await change.ApplyAsync(products.GetByIdAsync(id, cancellationToken), id, ExpectedVersion.Any, action, transition, cancellationToken);
        return changed.Map(mapper.Map<ProductResponse>);
    }
}
