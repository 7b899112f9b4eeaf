using Catalog.Application.Brands.Queries.ListBrands;
using Catalog.Application.Categories.Queries.GetCategoryTree;
using Catalog.Application.Common.Paging;
using Catalog.BackOffice.Components.Pages.Categories;
using MediatR;

namespace Catalog.BackOffice.Components.Pages.Products;

/// <summary>The categories (as an indented tree) and brands a product can be filed under, from the storefront's own queries.</summary>
public sealed record ProductChoices(IReadOnlyList<(Guid Id, string Label)> Categories, IReadOnlyList<(Guid Id, string Label)> Brands)
{
    /// <summary>
    /// Brands are read a page (100) at a time, at most this many pages (10,000 brands; the benchmark's 1m catalogue has
    /// 5,000). Only the create and edit forms read these; the list's filters take a slug or an id instead.
    /// </summary>
    private const int MaxBrandPages = 100;

    public static async Task<ProductChoices> LoadAsync(IMediator mediator, CancellationToken cancellationToken)
    {
        var tree = await mediator.Send(new GetCategoryTreeQuery(), cancellationToken);
        var categories = tree.IsSuccess ? CategoryOptions.Flatten(tree.Value.Roots) : [];

        var brands = new List<(Guid, string)>();
        string? cursor = null;
        for (var page = 0; page < MaxBrandPages; page++)
        {
            var result = await mediator.Send(new ListBrandsQuery(PageLimits.Max, cursor), cancellationToken);
            if (result.IsFailure)
            {
                break;
            }

            brands.AddRange(result.Value.Items.Select(b => (b.Id, b.Name)));
            if ((cursor = result.Value.NextCursor) is null)
            {
                break;
            }
        }

        return new ProductChoices(categories, brands);
    }
}
