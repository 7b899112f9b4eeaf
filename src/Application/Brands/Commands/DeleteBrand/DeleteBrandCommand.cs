using Catalog.Application.Common.Commands;
using Catalog.Application.Common.Concurrency;
using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;

namespace Catalog.Application.Brands.Commands.DeleteBrand;

/// <summary>Soft-deletes a brand (If-Match). Products keep their brand_id; storefront reads stop showing the brand.</summary>
[Authorize(Permissions.BrandsDelete)]
public sealed record DeleteBrandCommand(Guid Id, uint? IfMatch) : ICommand<Guid>;

internal sealed class DeleteBrandCommandHandler(IBrandRepository brands, AggregateChange change, TimeProvider time)
    : ICommandHandler<DeleteBrandCommand, Guid>
{
    public async Task<Result<Guid>> Handle(DeleteBrandCommand request, CancellationToken cancellationToken)
    {
        var deleted = await change.ApplyAsync(brands.GetByIdAsync(request.Id, cancellationToken), request.Id, ExpectedVersion.MustMatch(request.IfMatch), "deleted", brand => brand.Delete(time.GetUtcNow()), cancellationToken);
        return deleted.Map(brand => brand.Id);
    }
}
