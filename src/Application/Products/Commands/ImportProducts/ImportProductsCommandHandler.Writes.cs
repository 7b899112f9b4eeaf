using Catalog.Application.Common.Auditing;
using Catalog.Domain.Common;
using Catalog.Domain.Products;

namespace Catalog.Application.Products.Commands.ImportProducts;

/// <summary>The writes of an import batch: all at once, or row by row when the database refuses the batch.</summary>
internal sealed partial class ImportProductsCommandHandler
{
    /// <summary>Creates or updates the batch's products on the change tracker and records their audit entries; a row the domain refuses is reported and left out.</summary>
    private List<(PlannedRow Row, bool Created)> ApplyInMemory(List<PlannedRow> batch, Dictionary<string, Product> existing, List<ImportRowError> errors)
    {
        var applied = new List<(PlannedRow, bool)>(batch.Count);
        var now = time.GetUtcNow();
        foreach (var row in batch)
        {
            if (existing.TryGetValue(row.Sku, out var current))
            {
                if (currentUser.MayChange(current) is { IsFailure: true } refused)
                {
                    errors.Add(ToRowError(row.Row, refused.Error!));
                    continue;
                }

                var before = AuditSnapshot.Of(current);
                products.Attach(current);
                var result = current.Update(row.Details, row.Slug!, currentUser.UserId, now);
                if (result.IsFailure)
                {
                    products.Detach(current);
                    current.ClearDomainEvents();
                    errors.Add(ToRowError(row.Row, result.Error!));
                    continue;
                }

                audit.Record(new AuditEntry("product.updated", "product", current.Id, AuditChanges.Diff(before, AuditSnapshot.Of(current)), Imported));
                applied.Add((row, false));
            }
            else
            {
                var made = Product.Create(row.Details, row.Slug!, currentUser.UserId, now);
                if (made.IsFailure)
                {
                    errors.Add(ToRowError(row.Row, made.Error!));
                    continue;
                }

                products.Add(made.Value);
                audit.Record(new AuditEntry("product.created", "product", made.Value.Id, AuditChanges.Created(row.Fields), Imported));
                applied.Add((row, true));
            }
        }

        return applied;
    }

    /// <summary>The fallback for a refused batch: each row re-checked against the database and written in its own savepoint.</summary>
    private async Task<(int Created, int Updated)> WriteRowByRowAsync(List<PlannedRow> rows, List<ImportRowError> errors, CancellationToken cancellationToken)
    {
        var existing = await products.GetBySkusAsync(rows.Select(r => r.Sku).ToList(), tracked: true, cancellationToken);
        int created = 0, updated = 0;
        foreach (var row in rows)
        {
            existing.TryGetValue(row.Sku, out var current);
            var before = current is null ? null : AuditSnapshot.Of(current);
            Product? product = null;
            var saved = await products.InSavepointAsync("import_row", async () =>
            {
                // Checked again on fresh state: the product may have been published since the file was planned.
                if (current is not null && currentUser.MayChange(current) is { IsFailure: true } refused)
                {
                    return refused;
                }

                var slug = await ProductUniqueness.ResolveAsync(products, row.Fields, row.Details, current, cancellationToken);
                if (slug.IsFailure)
                {
                    return slug.Error!;
                }

                if (current is not null)
                {
                    product = current;
                    return current.Update(row.Details, slug.Value, currentUser.UserId, time.GetUtcNow());
                }

                var made = Product.Create(row.Details, slug.Value, currentUser.UserId, time.GetUtcNow());
                if (made.IsFailure)
                {
                    return made.Error!;
                }

                product = made.Value;
                products.Add(product);
                return Result.Success();
            }, cancellationToken);
            if (saved.IsFailure)
            {
                current?.ClearDomainEvents();
                errors.Add(ToRowError(row.Row, saved.Error!));
            }
            else if (current is null)
            {
                audit.Record(new AuditEntry("product.created", "product", product!.Id, AuditChanges.Created(row.Fields), Imported));
                created++;
            }
            else
            {
                audit.Record(new AuditEntry("product.updated", "product", current.Id, AuditChanges.Diff(before!, AuditSnapshot.Of(current)), Imported));
                updated++;
            }
        }

        return (created, updated);
    }
}
