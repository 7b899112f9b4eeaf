using AutoMapper;
using Catalog.Application.Common.Commands;
using Catalog.Application.Common.Concurrency;
using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;

namespace Catalog.Application.Categories.Commands.RestoreCategory;

/// <summary>
/// Brings a soft-deleted category back (If-Match optional), unless a live category has taken its slug meanwhile or its
/// parent is deleted (409 naming the parent: restore the parent first).
/// </summary>
[Authorize(Permissions.CategoriesDelete)]
public sealed record RestoreCategoryCommand(Guid Id, uint? IfMatch) : ICommand<CategoryResponse>;

internal sealed class RestoreCategoryCommandHandler(
    ICategoryRepository categories,
    AggregateChange change,
    IMapper mapper,
    TimeProvider time) : ICommandHandler<RestoreCategoryCommand, CategoryResponse>
{
    public async Task<Result<CategoryResponse>> Handle(RestoreCategoryCommand request, CancellationToken cancellationToken)
    {
        var restored = await change.ApplyAsync(categories.GetIncludingDeletedAsync(request.Id, cancellationToken), request.Id, ExpectedVersion.MatchWhenSent(request.IfMatch), "restored", async category =>
        {
            if (category.DeletedAt is not null && await categories.SlugExistsAsync(category.Slug, category.Id, cancellationToken))
            {
                return Error.Conflict("category.slug_taken", $"Another live category now uses the slug '{category.Slug}'.");
            }

            var parent = category.ParentId is { } parentId ? await categories.GetIncludingDeletedAsync(parentId, cancellationToken) : null;
            return category.Restore(parent, time.GetUtcNow());
        }, cancellationToken);
        return restored.Map(mapper.Map<CategoryResponse>);
    }
}
