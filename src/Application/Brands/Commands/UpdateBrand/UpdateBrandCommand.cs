using System.Text.Json;
using System.Text.Json.Serialization;
using AutoMapper;
using Catalog.Application.Common.Commands;
using Catalog.Application.Common.Concurrency;
using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Application.Common.Validation;
using Catalog.Domain.Brands;
using Catalog.Domain.Common;

namespace Catalog.Application.Brands.Commands.UpdateBrand;

/// <summary>Replaces a brand's fields (PUT, If-Match); an omitted slug keeps the current one.</summary>
[Authorize(Permissions.BrandsWrite)]
public sealed record UpdateBrandCommand(
    string Name,
    string? Slug,
    string? Description,
    string? LogoUrl,
    string? WebsiteUrl,
    JsonElement? Metadata,
    bool? IsActive) : ICommand<BrandResponse>, IBrandFields
{
    [JsonIgnore]
    public Guid Id { get; init; }

    [JsonIgnore]
    public uint? IfMatch { get; init; }
}

internal sealed class UpdateBrandCommandHandler(
    IBrandRepository brands,
    AggregateChange change,
    IMapper mapper,
    TimeProvider time) : ICommandHandler<UpdateBrandCommand, BrandResponse>
{
    public async Task<Result<BrandResponse>> Handle(UpdateBrandCommand request, CancellationToken cancellationToken)
    {
        var updated = await change.ApplyAsync(brands.GetByIdAsync(request.Id, cancellationToken), request.Id, ExpectedVersion.MustMatch(request.IfMatch), "updated", async brand =>
        {
            var slug = await SlugAllocator.ResolveAsync("brand", request.Slug, brand.Slug, request.Name, Brand.SlugMaxLength, s => brands.SlugExistsAsync(s, brand.Id, cancellationToken));
            return slug.IsFailure
                ? slug.Error!
                : brand.Update(request.Name, slug.Value, request.Description, request.LogoUrl, request.WebsiteUrl, request.Metadata.ToStoredJson() ?? "{}", request.IsActive ?? true, time.GetUtcNow());
        }, cancellationToken);
        return updated.Map(mapper.Map<BrandResponse>);
    }
}
