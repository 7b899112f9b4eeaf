using Catalog.Application.Common.Auditing;
using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;
using Catalog.Domain.Products;
using FluentValidation;

namespace Catalog.Application.Products.Commands.ImportProducts;

/// <summary>
/// Upserts products by SKU from a file read as a stream (<see cref="ProductImportFile"/>), one batch at a time: every row
/// of a batch is validated with the create rules first, in memory; the database checks (existing SKUs, categories,
/// brands, slugs) are a few set-wise queries per batch; the batch is then written in a savepoint with the change tracker
/// cleared after it. Only a batch that the database refuses is redone row by row, each row in its own savepoint, so a
/// bad row is reported and leaves nothing behind (ADR-021). A file that breaks a limit (rows, row length, fields,
/// unstorable text) is refused whole at its first offending row, and the transaction rolls back what earlier batches
/// wrote. Memory is one batch plus the SKUs seen, whatever the file's size.
/// </summary>
[Authorize(Permissions.ProductsWrite)]
public sealed record ImportProductsCommand(ProductImportFile File) : ICommand<ImportResult>;

internal sealed partial class ImportProductsCommandHandler(
    IProductRepository products,
    IUnitOfWork unitOfWork,
    IAuditTrail audit,
    ICurrentUser currentUser,
    TimeProvider time) : ICommandHandler<ImportProductsCommand, ImportResult>
{
    private static readonly ImportRowValidator Validator = new();

    private static readonly IReadOnlyDictionary<string, object?> Imported = new Dictionary<string, object?>(StringComparer.Ordinal) { ["source"] = "import" };

    public async Task<Result<ImportResult>> Handle(ImportProductsCommand request, CancellationToken cancellationToken)
    {
        var errors = new List<ImportRowError>();
        var skus = new HashSet<string>(StringComparer.Ordinal);
        int rows = 0, created = 0, updated = 0;
        try
        {
            await foreach (var batch in request.File.ReadBatchesAsync(cancellationToken))
            {
                rows += batch.Count;
                var (c, u) = await WriteBatchAsync(batch, skus, errors, cancellationToken);
                created += c;
                updated += u;

                // What a batch allocated is garbage once it is written. Collected here, the process's peak follows one
                // batch; left to the server GC's allocation budget, a 10,000-row file grew it by 301 MB (67 MB this way;
                // bench/abuse/import-memory.sh, ADR-079).
                GC.Collect(1, GCCollectionMode.Forced, blocking: true);
            }
        }
        catch (ProductImportFileException refused)
        {
            return refused.Error;
        }

        if (rows == 0)
        {
            return Error.Validation("body", "The file holds no rows.");
        }

        errors.Sort((a, b) => a.Row.CompareTo(b.Row));
        Common.Observability.CatalogTelemetry.ImportRowsHandled(created, updated, errors.Count);
        return new ImportResult(created, updated, errors.Count, errors);
    }

    private async Task<(int Created, int Updated)> WriteBatchAsync(IReadOnlyList<ProductImportRow> batch, HashSet<string> skus, List<ImportRowError> errors, CancellationToken cancellationToken)
    {
        var planned = Validate(batch, skus, errors);
        var existing = await products.GetBySkusAsync(planned.Select(p => p.Sku).ToList(), tracked: false, cancellationToken);
        planned = await CheckReferencesAsync(planned, errors, cancellationToken);
        planned = await PlanSlugsAsync(planned, existing, errors, cancellationToken);
        var applied = ApplyInMemory(planned, existing, errors);
        if (await unitOfWork.TryFlushBatchAsync(cancellationToken))
        {
            return (applied.Count(a => a.Created), applied.Count(a => !a.Created));
        }

        // The database refused the batch (a concurrent writer took a SKU or slug, a reference was removed, a row
        // version changed): redo its rows one by one against fresh state, reporting only the rows it refuses.
        var written = await WriteRowByRowAsync(applied.Select(a => a.Row).ToList(), errors, cancellationToken);
        if (!await unitOfWork.TryFlushBatchAsync(cancellationToken))
        {
            throw new InvalidOperationException("The audit entries of an import batch could not be written.");
        }

        return written;
    }

    /// <summary>The rows that pass the create rules, with a SKU that appears once in the file.</summary>
    private static List<PlannedRow> Validate(IReadOnlyList<ProductImportRow> rows, HashSet<string> seen, List<ImportRowError> errors)
    {
        var planned = new List<PlannedRow>(rows.Count);
        foreach (var row in rows)
        {
            if (row.Fields is not { } fields)
            {
                errors.Add(new ImportRowError(row.Row, row.ParseErrors ?? Field("body", "The row cannot be read.")));
                continue;
            }

            var validation = Validator.Validate(fields);
            if (!validation.IsValid)
            {
                errors.Add(new ImportRowError(row.Row, validation.Errors
                    .GroupBy(f => Common.Behaviours.FieldName.ToCamelCasePath(f.PropertyName), StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).ToArray(), StringComparer.Ordinal)));
                continue;
            }

            var sku = fields.Sku!.Trim();
            if (!seen.Add(sku))
            {
                errors.Add(new ImportRowError(row.Row, Field("sku", "The SKU appears more than once in this file.")));
                continue;
            }

            planned.Add(new PlannedRow(row.Row, fields, fields.ToDetails(), sku));
        }

        return planned;
    }

    private async Task<List<PlannedRow>> CheckReferencesAsync(List<PlannedRow> planned, List<ImportRowError> errors, CancellationToken cancellationToken)
    {
        var categories = await products.ExistingCategoryIdsAsync(planned.Select(p => p.Details.CategoryId).OfType<Guid>().Distinct().ToList(), cancellationToken);
        var brands = await products.ExistingBrandIdsAsync(planned.Select(p => p.Details.BrandId).OfType<Guid>().Distinct().ToList(), cancellationToken);
        var kept = new List<PlannedRow>(planned.Count);
        foreach (var row in planned)
        {
            if (row.Details.CategoryId is { } categoryId && !categories.Contains(categoryId))
            {
                errors.Add(new ImportRowError(row.Row, Field("categoryId", "The category does not exist.")));
            }
            else if (row.Details.BrandId is { } brandId && !brands.Contains(brandId))
            {
                errors.Add(new ImportRowError(row.Row, Field("brandId", "The brand does not exist.")));
            }
            else
            {
                kept.Add(row);
            }
        }

        return kept;
    }

    private static ImportRowError ToRowError(int row, Error error) => new(row, error.Details ?? Field("body", error.Message));

    private static Dictionary<string, string[]> Field(string field, string message) =>
        new(StringComparer.Ordinal) { [field] = [message] };

    private sealed class PlannedRow(int row, ProductImportFields fields, ProductDetails details, string sku)
    {
        public int Row { get; } = row;

        public ProductImportFields Fields { get; } = fields;

        public ProductDetails Details { get; } = details;

        public string Sku { get; } = sku;

        public string? BaseSlug { get; set; }

        public string? Slug { get; set; }
    }

    private sealed class ImportRowValidator : ProductFieldsValidator<ProductImportFields>
    {
        public ImportRowValidator() => RuleFor(f => f.Sku).NotEmpty().WithMessage("Every imported row needs a SKU (the upsert key).");
    }
}
