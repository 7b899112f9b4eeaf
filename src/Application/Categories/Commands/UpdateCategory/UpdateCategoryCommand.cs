using System.Text.Json;
using System.Text.Json.Serialization;
using AutoMapper;
using Catalog.Application.Common.Auditing;
using Catalog.Application.Common.Concurrency;
using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Application.Common.Validation;
using Catalog.Domain.Categories;
using Catalog.Domain.Common;

namespace Catalog.Application.Categories.Commands.UpdateCategory;

/// <summary>Replaces a category's fields (PUT, If-Match); a different parentId moves it with the same rules as /move.</summary>
[Authorize(Permissions.CategoriesWrite)]
public sealed record UpdateCategoryCommand(
    string Name,
    string? Slug,
    string? Description,
    Guid? ParentId,
    string? ImageUrl,
    JsonElement? Metadata,
    int? SortOrder,
    bool? IsActive) : ICommand<CategoryResponse>, ICategoryFields
{
    [JsonIgnore]
    public Guid Id { get; init; }

    [JsonIgnore]
    public uint? IfMatch { get; init; }
}

internal sealed class UpdateCategoryCommandHandler(
    ICategoryRepository categories,
    IUnitOfWork unitOfWork,
    IAuditTrail audit,
    IMapper mapper,
    TimeProvider time) : ICommandHandler<UpdateCategoryCommand, CategoryResponse>
{
    public async Task<Result<CategoryResponse>> Handle(UpdateCategoryCommand request, CancellationToken cancellationToken)
    {
        var category = await categories.GetByIdAsync(request.Id, cancellationToken);
        if (category is null)
        {
            return Error.NotFound("category", request.Id);
        }

        var precondition = IfMatch.Check(request.IfMatch, category.Version);
        if (precondition.IsFailure)
        {
            return precondition.Error!;
        }

        var slug = await CategorySlugs.ResolveAsync(categories, request.Slug, request.Name, category, cancellationToken);
        if (slug.IsFailure)
        {
            return slug.Error!;
        }

        var before = CategorySnapshot.Of(category);
        var now = time.GetUtcNow();
        var sortOrder = request.SortOrder ?? 0;
        var result = category.Update(request.Name, slug.Value, request.Description, request.ImageUrl, request.Metadata.ToStoredJson() ?? "{}", sortOrder, request.IsActive ?? true, now);
        if (result.IsSuccess && request.ParentId != category.ParentId)
        {
            result = await CategoryMove.ApplyAsync(categories, category, request.ParentId, sortOrder, now, cancellationToken);
        }

        if (result.IsFailure)
        {
            return result.Error!;
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        audit.Record(new AuditEntry("category.updated", "category", category.Id, AuditChanges.Diff(before, CategorySnapshot.Of(category))));
        return mapper.Map<CategoryResponse>(category);
    }
}

internal sealed class UpdateCategoryCommandValidator : CategoryFieldsValidator<UpdateCategoryCommand>
{
}
