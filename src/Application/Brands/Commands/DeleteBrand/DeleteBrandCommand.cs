using Catalog.Application.Common.Auditing;
using Catalog.Application.Common.Concurrency;
using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;

namespace Catalog.Application.Brands.Commands.DeleteBrand;

/// <summary>Soft-deletes a brand (If-Match). Products keep their brand_id; storefront reads stop showing the brand.</summary>
[Authorize(Permissions.BrandsDelete)]
public sealed record DeleteBrandCommand(Guid Id, uint? IfMatch) : ICommand<Guid>;

internal sealed class DeleteBrandCommandHandler(
    IBrandRepository brands,
    IUnitOfWork unitOfWork,
    IAuditTrail audit,
    TimeProvider time) : ICommandHandler<DeleteBrandCommand, Guid>
{
    public async Task<Result<Guid>> Handle(DeleteBrandCommand request, CancellationToken cancellationToken)
    {
        var brand = await brands.GetByIdAsync(request.Id, cancellationToken);
        if (brand is null)
        {
            return Error.NotFound("brand", request.Id);
        }

        var precondition = IfMatch.Check(request.IfMatch, brand.Version);
        if (precondition.IsFailure)
        {
            return precondition.Error!;
        }

        var before = BrandSnapshot.Of(brand);
        var deleted = brand.Delete(time.GetUtcNow());
        if (deleted.IsFailure)
        {
            return deleted.Error!;
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        audit.Record(new AuditEntry("brand.deleted", "brand", brand.Id, AuditChanges.Diff(before, BrandSnapshot.Of(brand))));
        return brand.Id;
    }
}
