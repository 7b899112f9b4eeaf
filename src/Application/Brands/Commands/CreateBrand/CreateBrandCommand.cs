using System.Text.Json;
using AutoMapper;
using Catalog.Application.Common.Auditing;
using Catalog.Application.Common.Commands;
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
    bool? IsActive) : ICommand<BrandResponse>, IBrandFields;

internal sealed class CreateBrandCommandHandler(
    IBrandRepository brands,
    IUnitOfWork unitOfWork,
    IAuditTrail audit,
    IMapper mapper,
    TimeProvider time) : ICommandHandler<CreateBrandCommand, BrandResponse>
{
    public async Task<Result<BrandResponse>> Handle(CreateBrandCommand request, CancellationToken cancellationToken)
    {
        var slug = await SlugAllocator.ResolveAsync("brand", request.Slug, null, request.Name, Brand.SlugMaxLength, s => brands.SlugExistsAsync(s, null, cancellationToken));
        if (slug.IsFailure)
        {
            return slug.Error!;
        }

        var created = Brand.Create(request.Name, slug.Value, request.Description, request.LogoUrl, request.WebsiteUrl, request.Metadata.ToStoredJson(), request.IsActive ?? true, time.GetUtcNow());
        if (created.IsFailure)
        {
            return created.Error!;
        }

        brands.Add(created.Value);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        audit.Record(new AuditEntry("brand.created", "brand", created.Value.Id, AuditChanges.Created(request)));
        return mapper.Map<BrandResponse>(created.Value);
    }
}
