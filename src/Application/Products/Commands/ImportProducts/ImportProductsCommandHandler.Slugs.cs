using Catalog.Application.Common.Commands;
using Catalog.Domain.Products;
using FluentValidation;

namespace Catalog.Application.Products.Commands.ImportProducts;

/// <summary>The slug plan of an import batch.</summary>
internal sealed partial class ImportProductsCommandHandler
{
    /// <summary>
    /// Gives every row its slug: a requested one must be free (among live products other than the row's own, and
    /// not requested by an earlier row); an updated product without one keeps its own; a new product without one gets
    /// its name's slug, deduplicated with -2, -3, ... against the database, the requested slugs and each other.
    /// </summary>
    private async Task<List<PlannedRow>> PlanSlugsAsync(List<PlannedRow> planned, Dictionary<string, Product> existing, List<ImportRowError> errors, CancellationToken cancellationToken)
    {
        var requested = planned.Select(p => p.Fields.Slug).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var inUse = await products.SlugsInUseAsync(requested, cancellationToken);
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        var kept = new List<PlannedRow>(planned.Count);
        var generate = new List<PlannedRow>();
        foreach (var row in planned)
        {
            existing.TryGetValue(row.Sku, out var current);
            if (row.Fields.Slug is { } slug)
            {
                if ((inUse.TryGetValue(slug, out var owner) && owner != current?.Id) || !claimed.Add(slug))
                {
                    errors.Add(new ImportRowError(row.Row, Field("body", $"The slug '{slug}' is already in use.")));
                    continue;
                }

                row.Slug = slug;
            }
            else if (current is not null)
            {
                row.Slug = current.Slug;
            }
            else
            {
                generate.Add(row);
            }

            kept.Add(row);
        }

        var nextSuffix = new Dictionary<string, int>(StringComparer.Ordinal);
        var pending = generate;
        foreach (var row in pending)
        {
            row.BaseSlug = SlugAllocator.BaseOf(row.Fields.Name, Product.SlugMaxLength, "product");
        }

        // Each round proposes a distinct candidate per row and asks the database which are taken, in one query;
        // a row whose candidate is taken tries its next suffix in the following round.
        while (pending.Count > 0)
        {
            foreach (var row in pending)
            {
                var n = nextSuffix.GetValueOrDefault(row.BaseSlug!, 1);
                string candidate;
                do
                {
                    candidate = SlugAllocator.Candidate(row.BaseSlug!, n, Product.SlugMaxLength);
                    n++;
                }
                while (!claimed.Add(candidate));

                nextSuffix[row.BaseSlug!] = n;
                row.Slug = candidate;
            }

            // Within one name, the free candidates go to the rows in file order, so the first row gets the lowest
            // free suffix, as if the rows had been written one after another.
            var taken = await products.SlugsInUseAsync(pending.Select(r => r.Slug!).ToList(), cancellationToken);
            var stillPending = new List<PlannedRow>();
            foreach (var group in pending.GroupBy(r => r.BaseSlug!, StringComparer.Ordinal))
            {
                var rows = group.ToList();
                var free = rows.Select(r => r.Slug!).Where(c => !taken.ContainsKey(c)).ToList();
                for (var i = 0; i < rows.Count; i++)
                {
                    if (i < free.Count)
                    {
                        rows[i].Slug = free[i];
                    }
                    else
                    {
                        stillPending.Add(rows[i]);
                    }
                }
            }

            pending = stillPending;
        }

        return kept;
    }
}
