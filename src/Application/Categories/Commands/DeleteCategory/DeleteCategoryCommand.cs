using Catalog.Application.Common.Commands;
using Catalog.Application.Common.Concurrency;
using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;

namespace Catalog.Application.Categories.Commands.DeleteCategory;

/// <summary>Soft-deletes a category that has no live subcategories and no live products (409 with the reason otherwise).</summary>
[Authorize(Permissions.CategoriesDelete)]
public sealed record DeleteCategoryCommand(Guid Id, uint? IfMatch) : ICommand<Guid>;

internal sealed class DeleteCategoryCommandHandler(ICategoryRepository categories, AggregateChange change, TimeProvider time)
    : ICommandHandler<DeleteCategoryCommand, Guid>
{
    public async Task<Result<Guid>> Handle(DeleteCategoryCommand request, CancellationToken cancellationToken)
    {
        var deleted = await change.ApplyAsync(categories.GetByIdAsync(request.Id, cancellationToken), request.Id, ExpectedVersion.MustMatch(request.IfMatch), "deleted", async category =>
        {
            var children = await categories.CountLiveChildrenAsync(category.Id, cancellationToken);
            var products = await categories.CountLiveProductsAsync(category.Id, cancellationToken);
            return category.Delete(children, products, time.GetUtcNow());
        }, cancellationToken);
        return deleted.Map(category => category.Id);
    }
}
