using System.Text.Json;
using AutoMapper;
using Catalog.Application.Common.Auditing;
using Catalog.Application.Common.Commands;
using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Application.Common.Validation;
using Catalog.Domain.Categories;
using Catalog.Domain.Common;

namespace Catalog.Application.Categories.Commands.CreateCategory;

[Authorize(Permissions.CategoriesWrite)]
public sealed record CreateCategoryCommand(
    string Name,
    string? Slug,
    string? Description,
    Guid? ParentId,
    string? ImageUrl,
    JsonElement? Metadata,
    int? SortOrder,
    bool? IsActive) : ICommand<CategoryResponse>, ICategoryFields;

internal sealed class CreateCategoryCommandHandler(
    ICategoryRepository categories,
    IUnitOfWork unitOfWork,
    IAuditTrail audit,
    IMapper mapper,
    TimeProvider time) : ICommandHandler<CreateCategoryCommand, CategoryResponse>
{
    public async Task<Result<CategoryResponse>> Handle(CreateCategoryCommand request, CancellationToken cancellationToken)
    {
        Category? parent = null;
        if (request.ParentId is { } parentId && (parent = await categories.GetByIdAsync(parentId, cancellationToken)) is null)
        {
            return Error.Validation("parentId", "The parent category does not exist.");
        }

        var slug = await SlugAllocator.ResolveAsync("category", request.Slug, null, request.Name, Category.SlugMaxLength, s => categories.SlugExistsAsync(s, null, cancellationToken));
        if (slug.IsFailure)
        {
            return slug.Error!;
        }

        var created = Category.Create(request.Name, slug.Value, request.Description, parent, request.ImageUrl, request.Metadata.ToStoredJson(), request.SortOrder ?? 0, request.IsActive ?? true, time.GetUtcNow());
        if (created.IsFailure)
        {
            return created.Error!;
        }

        categories.Add(created.Value);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        audit.Record(new AuditEntry("category.created", "category", created.Value.Id, AuditChanges.Created(request)));
        return mapper.Map<CategoryResponse>(created.Value);
    }
}
