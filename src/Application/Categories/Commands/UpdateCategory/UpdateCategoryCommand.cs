using System.Text.Json;
using System.Text.Json.Serialization;
using AutoMapper;
using Catalog.Application.Common.Commands;
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
    AggregateChange change,
    IMapper mapper,
    TimeProvider time) : ICommandHandler<UpdateCategoryCommand, CategoryResponse>
{
    public async Task<Result<CategoryResponse>> Handle(UpdateCategoryCommand request, CancellationToken cancellationToken)
    {
        var updated = await change.ApplyAsync(categories.GetByIdAsync(request.Id, cancellationToken), request.Id, ExpectedVersion.MustMatch(request.IfMatch), "updated", async category =>
        {
            var slug = await SlugAllocator.ResolveAsync("category", request.Slug, category.Slug, request.Name, Category.SlugMaxLength, s => categories.SlugExistsAsync(s, category.Id, cancellationToken));
            if (slug.IsFailure)
            {
                return slug.Error!;
            }

            var now = time.GetUtcNow();
            var sortOrder = request.SortOrder ?? 0;
            var result = category.Update(request.Name, slug.Value, request.Description, request.ImageUrl, request.Metadata.ToStoredJson() ?? "{}", sortOrder, request.IsActive ?? true, now);
            return result.IsSuccess && request.ParentId != category.ParentId
                ? await CategoryMove.ApplyAsync(categories, category, request.ParentId, sortOrder, now, cancellationToken)
                : result;
        }, cancellationToken);
        return updated.Map(mapper.Map<CategoryResponse>);
    }
}
