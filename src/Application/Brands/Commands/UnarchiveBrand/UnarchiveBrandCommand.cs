using AutoMapper;
using Catalog.Application.Common.Commands;
using Catalog.Application.Common.Concurrency;
using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;

namespace Catalog.Application.Brands.Commands.UnarchiveBrand;

/// <summary>Puts an archived brand and its products back on the storefront (If-Match). Not archived → 409.</summary>
[Authorize(Permissions.BrandsWrite)]
public sealed record UnarchiveBrandCommand(Guid Id, uint? IfMatch) : ICommand<BrandResponse>;

internal sealed class UnarchiveBrandCommandHandler(IBrandRepository brands, AggregateChange change, IMapper mapper, TimeProvider time)
    : ICommandHandler<UnarchiveBrandCommand, BrandResponse>
{
    public async Task<Result<BrandResponse>> Handle(UnarchiveBrandCommand request, CancellationToken cancellationToken)
    {
        var unarchived = await change.ApplyAsync(brands.GetByIdAsync(request.Id, cancellationToken), request.Id, ExpectedVersion.MustMatch(request.IfMatch), "unarchived", brand => brand.Unarchive(time.GetUtcNow()), cancellationToken);
        return unarchived.Map(mapper.Map<BrandResponse>);
    }
}
