using Catalog.Application.Categories.Queries.GetCategoryTree;

namespace Catalog.BackOffice.Components.Pages.Categories;

/// <summary>The tree flattened for a parent picker: each category indented under its parent, in the tree's order.</summary>
public static class CategoryOptions
{
    public static IReadOnlyList<(Guid Id, string Label)> Flatten(IEnumerable<CategoryNode> roots)
    {
        var into = new List<(Guid, string)>();
        Add(roots, 0, into);
        return into;
    }

    private static void Add(IEnumerable<CategoryNode> nodes, int depth, List<(Guid, string)> into)
    {
        foreach (var node in nodes)
        {
            into.Add((node.Id, new string('\u00a0', depth * 3) + node.Name));
            Add(node.Children, depth + 1, into);
        }
    }
}
