using System.Globalization;
using Catalog.Domain.Common;

namespace Catalog.DevelopmentDatabase.DemoData;

internal sealed partial class CatalogDataGenerator
{
    /// <summary>
    /// r roots, r children under each node down to the level above the leaves, and the remaining categories spread
    /// evenly over the last level: 30 in 3 levels = 3 + 9 + 18; 2,000 in 4 levels = 7 + 49 + 343 + 1,601.
    /// </summary>
    private void BuildCategories()
    {
        var random = new Random(Mix(_spec.Seed, 3, 0));
        var slugs = new Dictionary<string, int>(StringComparer.Ordinal);
        var fanout = Math.Max(2, (int)Math.Round(Math.Pow(_spec.Categories, 1.0 / _spec.CategoryLevels)));
        var level = new List<CategoryRow>();
        for (var r = 0; r < fanout && _categories.Count < _spec.Categories; r++)
        {
            var name = r < _pools.Departments.Length ? _pools.Departments[r] : $"{Pick(random, _pools.Departments)} {r}";
            level.Add(AddCategory(random, slugs, name, null, 1, r));
        }

        for (var depth = 2; depth <= _spec.CategoryLevels && _categories.Count < _spec.Categories; depth++)
        {
            var perParent = depth < _spec.CategoryLevels
                ? fanout
                : (int)Math.Ceiling((_spec.Categories - _categories.Count) / (double)level.Count);
            var next = new List<CategoryRow>();
            for (var child = 0; child < perParent; child++)
            {
                foreach (var parent in level)
                {
                    if (_categories.Count >= _spec.Categories)
                    {
                        break;
                    }

                    var noun = Pick(random, _pools.Nouns);
                    var name = depth == 2 ? $"{noun}s" : $"{Pick(random, _pools.Adjectives)} {noun}s";
                    next.Add(AddCategory(random, slugs, name, parent, depth, child));
                }
            }

            level = next;
        }
    }

    private CategoryRow AddCategory(Random random, Dictionary<string, int> slugs, string name, CategoryRow? parent, int depth, int sortOrder)
    {
        var slug = UniqueSlug(slugs, Slug.From(parent is null ? name : $"{parent.Slug} {name}", 100));
        var row = new CategoryRow(
            DeterministicIds.For(DeterministicIds.Category, _categories.Count),
            name,
            slug,
            $"{name}: {Pick(random, _pools.CatchPhrases)}.",
            parent?.Id,
            depth,
            sortOrder,
            _anchor.AddDays(-800 - random.NextDouble() * 100));
        _categories.Add(row);
        return row;
    }

    private void BuildBrands()
    {
        var random = new Random(Mix(_spec.Seed, 4, 0));
        var slugs = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < _spec.Brands; i++)
        {
            var company = Pick(random, _pools.Companies);
            var name = i < _pools.Companies.Length ? company : $"{company} {Pick(random, _pools.CompanySuffixes)}";
            name = name.Length <= 100 ? name : name[..100];
            var slug = UniqueSlug(slugs, Slug.From(name, 90));
            _brands.Add(new BrandRow(
                DeterministicIds.For(DeterministicIds.Brand, i),
                name,
                slug,
                $"{Pick(random, _pools.CatchPhrases)}.",
                $"https://img.demo.catalog.test/brands/{slug}.png",
                string.Create(CultureInfo.InvariantCulture, $"https://{slug}.example.com"),
                _anchor.AddDays(-700 - random.NextDouble() * 300)));
        }
    }
}
