using System.Text.Json;
using AutoMapper;
using Catalog.Application.Common.Auditing;
using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Application.Common.Validation;
using Catalog.Domain.Brands;
using Catalog.Domain.Common;

namespace Catalog.Application.Brands.Commands.CreateBrand;

[Authorize(Permissions.BrandsWrite)]
public sealed record CreateBrandCommand(
    string Name,
    string? Slug,
    string? Description,
    string? LogoUrl,
    string? WebsiteUrl,
    JsonElement? Metadata,
    bool? IsActive) : ICommand<BrandResponse>;

internal sealed class CreateBrandCommandHandler(
    IBrandRepository brands,
    IUnitOfWork unitOfWork,
    IAuditTrail audit,
    IMapper mapper,
    TimeProvider time) : ICommandHandler<CreateBrandCommand, BrandResponse>
{
    public async Task<Result<BrandResponse>> Handle(CreateBrandCommand request, CancellationToken cancellationToken)
    {
        var slug = request.Slug ?? await UniqueSlugAsync(Slug.From(request.Name, Brand.SlugMaxLength), cancellationToken);
        if (request.Slug is not null && await brands.SlugExistsAsync(slug, null, cancellationToken))
        {
            return Error.Conflict("brand.slug_taken", $"The slug '{slug}' is already in use.");
        }

        var created = Brand.Create(request.Name, slug, request.Description, request.LogoUrl, request.WebsiteUrl, request.Metadata.ToStoredJson(), request.IsActive ?? true, time.GetUtcNow());
        if (created.IsFailure)
        {
            return created.Error!;
        }

        brands.Add(created.Value);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        audit.Record(new AuditEntry("brand.created", "brand", created.Value.Id, AuditChanges.Created(request)));
        return mapper.Map<BrandResponse>(created.Value);
    }

    private async Task<string> UniqueSlugAsync(string baseSlug, CancellationToken cancellationToken)
    {
        var slug = baseSlug.Length == 0 ? "brand" : baseSlug;
        for (var n = 2; await brands.SlugExistsAsync(slug, null, cancellationToken); n++)
        {
            slug = Slug.WithSuffix(baseSlug, n, Brand.SlugMaxLength);
        }

        return slug;
    }
}
