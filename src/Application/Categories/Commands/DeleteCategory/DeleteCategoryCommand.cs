using Catalog.Application.Common.Auditing;
using Catalog.Application.Common.Concurrency;
using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;

namespace Catalog.Application.Categories.Commands.DeleteCategory;

/// <summary>Soft-deletes a category that has no live subcategories and no live products (409 with the reason otherwise).</summary>
[Authorize(Permissions.CategoriesDelete)]
public sealed record DeleteCategoryCommand(Guid Id, uint? IfMatch) : ICommand<Guid>;

internal sealed class DeleteCategoryCommandHandler(
    ICategoryRepository categories,
    IUnitOfWork unitOfWork,
    IAuditTrail audit,
    TimeProvider time) : ICommandHandler<DeleteCategoryCommand, Guid>
{
    public async Task<Result<Guid>> Handle(DeleteCategoryCommand request, CancellationToken cancellationToken)
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

        var before = CategorySnapshot.Of(category);
        var children = await categories.CountLiveChildrenAsync(category.Id, cancellationToken);
        var products = await categories.CountLiveProductsAsync(category.Id, cancellationToken);
        var deleted = category.Delete(children, products, time.GetUtcNow());
        if (deleted.IsFailure)
        {
            return deleted.Error!;
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        audit.Record(new AuditEntry("category.deleted", "category", category.Id, AuditChanges.Diff(before, CategorySnapshot.Of(category))));
        return category.Id;
    }
}
