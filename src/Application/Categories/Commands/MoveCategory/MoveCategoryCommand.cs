using AutoMapper;
using Catalog.Application.Common.Commands;
using Catalog.Application.Common.Concurrency;
using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;

namespace Catalog.Application.Categories.Commands.MoveCategory;

/// <summary>
/// Moves a category under another (or to the root with a null parent). A cycle at any depth or a tree deeper than six
/// levels is a 409 — refused by the domain, and by the database's tree trigger if two moves race. If-Match is optional here.
/// </summary>
[Authorize(Permissions.CategoriesWrite)]
public sealed record MoveCategoryCommand(Guid Id, Guid? ParentId, int SortOrder, uint? IfMatch) : ICommand<CategoryResponse>;

internal sealed class MoveCategoryCommandHandler(
    ICategoryRepository categories,
    AggregateChange change,
    IMapper mapper,
    TimeProvider time) : ICommandHandler<MoveCategoryCommand, CategoryResponse>
{
    public async Task<Result<CategoryResponse>> Handle(MoveCategoryCommand request, CancellationToken cancellationToken)
    {
        var moved = await change.ApplyAsync(
            categories.GetByIdAsync(request.Id, cancellationToken),
            request.Id,
            ExpectedVersion.MatchWhenSent(request.IfMatch),
            "moved",
            category => CategoryMove.ApplyAsync(categories, category, request.ParentId, request.SortOrder, time.GetUtcNow(), cancellationToken),
            cancellationToken);
        return moved.Map(mapper.Map<CategoryResponse>);
    }
}
