using AutoMapper;
using Catalog.Application.Common.Auditing;
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
    IUnitOfWork unitOfWork,
    IAuditTrail audit,
    IMapper mapper,
    TimeProvider time) : ICommandHandler<RestoreCategoryCommand, CategoryResponse>
{
    public async Task<Result<CategoryResponse>> Handle(RestoreCategoryCommand request, CancellationToken cancellationToken)
    {
        var category = await categories.GetIncludingDeletedAsync(request.Id, cancellationToken);
        if (category is null)
        {
            return Error.NotFound("category", request.Id);
        }

        var precondition = IfMatch.CheckWhenSent(request.IfMatch, category.Version);
        if (precondition.IsFailure)
        {
            return precondition.Error!;
        }

        if (category.DeletedAt is not null && await categories.SlugExistsAsync(category.Slug, category.Id, cancellationToken))
        {
            return Error.Conflict("category.slug_taken", $"Another live category now uses the slug '{category.Slug}'.");
        }

        var parent = category.ParentId is { } parentId ? await categories.GetIncludingDeletedAsync(parentId, cancellationToken) : null;
        var before = CategorySnapshot.Of(category);
        var restored = category.Restore(parent, time.GetUtcNow());
        if (restored.IsFailure)
        {
            return restored.Error!;
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        audit.Record(new AuditEntry("category.restored", "category", category.Id, AuditChanges.Diff(before, CategorySnapshot.Of(category))));
        return mapper.Map<CategoryResponse>(category);
    }
}
