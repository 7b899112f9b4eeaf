using AutoMapper;
using Catalog.Application.Brands;
using Catalog.Application.Common.Commands;
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
    AggregateChange change,
    IMapper mapper,
    TimeProvider time) : ICommandHandler<RestoreBrandCommand, BrandResponse>
{
    public async Task<Result<BrandResponse>> Handle(RestoreBrandCommand request, CancellationToken cancellationToken)
    {
        var restored = await change.ApplyAsync(brands.GetIncludingDeletedAsync(request.Id, cancellationToken), request.Id, ExpectedVersion.MatchWhenSent(request.IfMatch), "restored", async brand =>
        {
            if (brand.DeletedAt is not null && await brands.SlugExistsAsync(brand.Slug, brand.Id, cancellationToken))
            {
                return Error.Conflict("brand.slug_taken", $"Another live brand now uses the slug '{brand.Slug}'.");
            }

            return brand.Restore(time.GetUtcNow());
        }, cancellationToken);
        return restored.Map(mapper.Map<BrandResponse>);
    }
}
