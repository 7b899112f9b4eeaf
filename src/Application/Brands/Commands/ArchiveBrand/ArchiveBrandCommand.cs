using AutoMapper;
using Catalog.Application.Common.Commands;
using Catalog.Application.Common.Concurrency;
using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;

namespace Catalog.Application.Brands.Commands.ArchiveBrand;

/// <summary>
/// Archives a brand (If-Match): it and its products leave every storefront read (the rule in
/// R020_v_storefront_products.sql); staff still read them. Already archived → 409.
/// </summary>
[Authorize(Permissions.BrandsWrite)]
public sealed record ArchiveBrandCommand(Guid Id, uint? IfMatch) : ICommand<BrandResponse>;

internal sealed class ArchiveBrandCommandHandler(IBrandRepository brands, AggregateChange change, IMapper mapper, TimeProvider time)
    : ICommandHandler<ArchiveBrandCommand, BrandResponse>
{
    public async Task<Result<BrandResponse>> Handle(ArchiveBrandCommand request, CancellationToken cancellationToken)
    {
        var archived = await change.ApplyAsync(brands.GetByIdAsync(request.Id, cancellationToken), request.Id, ExpectedVersion.MustMatch(request.IfMatch), "archived", brand => brand.Archive(time.GetUtcNow()), cancellationToken);
        return archived.Map(mapper.Map<BrandResponse>);
    }
}
