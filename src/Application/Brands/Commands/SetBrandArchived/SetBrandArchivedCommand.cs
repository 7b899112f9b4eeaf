using AutoMapper;
using Catalog.Application.Common.Commands;
using Catalog.Application.Common.Concurrency;
using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;

namespace Catalog.Application.Brands.Commands.SetBrandArchived;

/// <summary>
/// Archives a brand (<paramref name="Archived"/> true) or puts it back (false), If-Match: an archived brand and its
/// products leave every storefront read (R015_v_storefront_hidden_brands.sql), staff still read them. Archiving an
/// archived brand, or unarchiving one that is not, → 409. Audited as <c>brand.archived</c> / <c>brand.unarchived</c>.
/// </summary>
[Authorize(Permissions.BrandsWrite)]
public sealed record SetBrandArchivedCommand(Guid Id, bool Archived, uint? IfMatch) : ICommand<BrandResponse>;

internal sealed class SetBrandArchivedCommandHandler(IBrandRepository brands, AggregateChange change, IMapper mapper, TimeProvider time)
    : ICommandHandler<SetBrandArchivedCommand, BrandResponse>
{
    public async Task<Result<BrandResponse>> Handle(SetBrandArchivedCommand request, CancellationToken cancellationToken)
    {
        var changed = await change.ApplyAsync(
            brands.GetByIdAsync(request.Id, cancellationToken), request.Id, ExpectedVersion.MustMatch(request.IfMatch),
            request.Archived ? "archived" : "unarchived",
            brand => request.Archived ? brand.Archive(time.GetUtcNow()) : brand.Unarchive(time.GetUtcNow()),
            cancellationToken);
        return changed.Map(mapper.Map<BrandResponse>);
    }
}
