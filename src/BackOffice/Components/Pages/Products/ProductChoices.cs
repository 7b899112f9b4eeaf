using Catalog.Application.Brands.Queries.ListBrands;
using Catalog.Application.Categories.Queries.GetCategoryTree;
using Catalog.Application.Common.Paging;
using MediatR;

namespace Catalog.BackOffice.Components.Pages.Products;

/// <summary>The categories (as an indented tree) and brands a product can be filed under, from the storefront's own queries.</summary>
public sealed record ProductChoices(IReadOnlyList<(Guid Id, string Label)> Categories, IReadOnlyList<(Guid Id, string Label)> Brands)
{
    /// <summary>Brands are read a page (100) at a time, at most this many pages.</summary>
    private const int MaxBrandPages = 10;

    public static async Task<ProductChoices> LoadAsync(IMediator mediator, CancellationToken cancellationToken)
    {
        var categories = new List<(Guid, string)>();
        var tree = await mediator.Send(new GetCategoryTreeQuery(), cancellationToken);
        if (tree.IsSuccess)
        {
            Flatten(tree.Value.Roots, 0, categories);
        }

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

    private static void Flatten(IEnumerable<CategoryNode> nodes, int depth, List<(Guid, string)> into)
    {
        foreach (var node in nodes)
        {
            into.Add((node.Id, new string('\u00a0', depth * 3) + node.Name));
            Flatten(node.Children, depth + 1, into);
        }
    }
}
