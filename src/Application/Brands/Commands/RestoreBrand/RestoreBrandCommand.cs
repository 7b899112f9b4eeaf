using AutoMapper;
using Catalog.Application.Brands;
using Catalog.Application.Common.Auditing;
using Catalog.Application.Common.Concurrency;
using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;

namespace Catalog.Application.Brands.Commands.RestoreBrand;

/// <summary>
/// Brings a soft-deleted brand back (If-Match optional), unless a live brand has taken its slug meanwhile (409). Its
/// products kept their brand_id through the delete, so those the storefront showed before are shown again.
/// </summary>
[Authorize(Permissions.BrandsDelete)]
public sealed record RestoreBrandCommand(Guid Id, uint? IfMatch) : ICommand<BrandResponse>;

internal sealed class RestoreBrandCommandHandler(
    IBrandRepository brands,
    IUnitOfWork unitOfWork,
    IAuditTrail audit,
    IMapper mapper,
    TimeProvider time) : ICommandHandler<RestoreBrandCommand, BrandResponse>
{
    public async Task<Result<BrandResponse>> Handle(RestoreBrandCommand request, CancellationToken cancellationToken)
    {
        var brand = await brands.GetIncludingDeletedAsync(request.Id, cancellationToken);
        if (brand is null)
        {
            return Error.NotFound("brand", request.Id);
        }

        var precondition = IfMatch.CheckWhenSent(request.IfMatch, brand.Version);
        if (precondition.IsFailure)
        {
            return precondition.Error!;
        }

        if (brand.DeletedAt is not null && await brands.SlugExistsAsync(brand.Slug, brand.Id, cancellationToken))
        {
            return Error.Conflict("brand.slug_taken", $"Another live brand now uses the slug '{brand.Slug}'.");
        }

        var before = BrandSnapshot.Of(brand);
        var restored = brand.Restore(time.GetUtcNow());
        if (restored.IsFailure)
        {
            return restored.Error!;
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        audit.Record(new AuditEntry("brand.restored", "brand", brand.Id, AuditChanges.Diff(before, BrandSnapshot.Of(brand))));
        return mapper.Map<BrandResponse>(brand);
    }
}
