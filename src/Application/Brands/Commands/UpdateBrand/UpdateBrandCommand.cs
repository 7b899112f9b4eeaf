using System.Text.Json;
using System.Text.Json.Serialization;
using AutoMapper;
using Catalog.Application.Common.Auditing;
using Catalog.Application.Common.Concurrency;
using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Application.Common.Validation;
using Catalog.Domain.Brands;
using Catalog.Domain.Common;
using FluentValidation;

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
    bool? IsActive) : ICommand<BrandResponse>
{
    [JsonIgnore]
    public Guid Id { get; init; }

    [JsonIgnore]
    public uint? IfMatch { get; init; }
}

internal sealed class UpdateBrandCommandHandler(
    IBrandRepository brands,
    IUnitOfWork unitOfWork,
    IAuditTrail audit,
    IMapper mapper,
    TimeProvider time) : ICommandHandler<UpdateBrandCommand, BrandResponse>
{
    public async Task<Result<BrandResponse>> Handle(UpdateBrandCommand request, CancellationToken cancellationToken)
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

        var slug = request.Slug ?? brand.Slug;
        if (await brands.SlugExistsAsync(slug, brand.Id, cancellationToken))
        {
            return Error.Conflict("brand.slug_taken", $"The slug '{slug}' is already in use.");
        }

        var before = BrandSnapshot.Of(brand);
        var updated = brand.Update(request.Name, slug, request.Description, request.LogoUrl, request.WebsiteUrl, request.Metadata.ToStoredJson() ?? "{}", request.IsActive ?? true, time.GetUtcNow());
        if (updated.IsFailure)
        {
            return updated.Error!;
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        audit.Record(new AuditEntry("brand.updated", "brand", brand.Id, AuditChanges.Diff(before, BrandSnapshot.Of(brand))));
        return mapper.Map<BrandResponse>(brand);
    }
}

internal sealed class UpdateBrandCommandValidator : AbstractValidator<UpdateBrandCommand>
{
    public UpdateBrandCommandValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(Brand.NameMaxLength).NoControlCharacters();
        RuleFor(c => c.Slug).ValidSlug(Brand.SlugMaxLength);
        RuleFor(c => c.Description).MaximumLength(10_000).NoControlCharacters();
        RuleFor(c => c.LogoUrl).AbsoluteHttpUrl();
        RuleFor(c => c.WebsiteUrl).AbsoluteHttpUrl();
        RuleFor(c => c.Metadata).JsonObjectUpTo16K();
    }
}
