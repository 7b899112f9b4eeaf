using Catalog.Application.Common.Auditing;
using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Application.Common.Validation;
using Catalog.Domain.Common;
using Catalog.Domain.Products;
using FluentValidation;

namespace Catalog.Application.Products.Commands.ImportProducts;

/// <summary>
/// Upserts products by SKU, each row validated with the create rules and written inside its own savepoint: a bad row
/// is reported and leaves nothing behind, the good rows commit together at the end (ADR-021).
/// </summary>
[Authorize(Permissions.ProductsWrite)]
public sealed record ImportProductsCommand(IReadOnlyList<ProductImportRow> Rows) : ICommand<ImportResult>;

internal sealed class ImportProductsCommandHandler(
    IProductRepository products,
    IAuditTrail audit,
    ICurrentUser currentUser,
    TimeProvider time) : ICommandHandler<ImportProductsCommand, ImportResult>
{
    private static readonly ImportRowValidator Validator = new();

    public async Task<Result<ImportResult>> Handle(ImportProductsCommand request, CancellationToken cancellationToken)
    {
        var skus = request.Rows.Select(r => r.Fields?.Sku?.Trim()).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var existing = await products.GetBySkusAsync(skus, cancellationToken);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int created = 0, updated = 0;
        var errors = new List<ImportRowError>();
        foreach (var row in request.Rows)
        {
            var outcome = await ImportRowAsync(row, existing, seen, cancellationToken);
            if (outcome.IsFailure)
            {
                errors.Add(new ImportRowError(row.Row, outcome.Error!.Details ?? new Dictionary<string, string[]>(StringComparer.Ordinal) { ["body"] = [outcome.Error.Message] }));
            }
            else if (outcome.Value)
            {
                created++;
            }
            else
            {
                updated++;
            }
        }

        return new ImportResult(created, updated, errors.Count, errors);
    }

    /// <summary>True when a product was created, false when one was updated.</summary>
    private async Task<Result<bool>> ImportRowAsync(ProductImportRow row, Dictionary<string, Product> existing, HashSet<string> seen, CancellationToken cancellationToken)
    {
        if (row.Fields is not { } fields)
        {
            return Error.Validation(row.ParseErrors ?? new Dictionary<string, string[]>(StringComparer.Ordinal) { ["body"] = [$"At most {ProductImportParser.MaxRows} rows per request."] });
        }

        var validation = await Validator.ValidateAsync(fields, cancellationToken);
        if (!validation.IsValid)
        {
            return Error.Validation(validation.Errors
                .GroupBy(f => Common.Behaviours.FieldName.ToCamelCasePath(f.PropertyName), StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).ToArray(), StringComparer.Ordinal));
        }

        var sku = fields.Sku!.Trim();
        if (!seen.Add(sku))
        {
            return Error.Validation("sku", "The SKU appears more than once in this file.");
        }

        var wasCreated = false;
        Product? product = null;
        existing.TryGetValue(sku, out var current);
        var before = current is null ? null : ProductSnapshot.Of(current);
        var saved = await products.InSavepointAsync("import_row", async () =>
        {
            var details = fields.ToDetails();
            var slug = await ProductUniqueness.ResolveAsync(products, fields, details, current, cancellationToken);
            if (slug.IsFailure)
            {
                return slug.Error!;
            }

            if (current is not null)
            {
                product = current;
                return current.Update(details, slug.Value, currentUser.UserId, time.GetUtcNow());
            }

            var made = Product.Create(details, slug.Value, currentUser.UserId, time.GetUtcNow());
            if (made.IsFailure)
            {
                return made.Error!;
            }

            product = made.Value;
            products.Add(product);
            wasCreated = true;
            return Result.Success();
        }, cancellationToken);
        if (saved.IsFailure)
        {
            return saved.Error!;
        }

        if (wasCreated)
        {
            existing[sku] = product!;
            audit.Record(new AuditEntry("product.created", "product", product!.Id, AuditChanges.Created(fields), Imported));
        }
        else
        {
            audit.Record(new AuditEntry("product.updated", "product", product!.Id, AuditChanges.Diff(before!, ProductSnapshot.Of(product)), Imported));
        }

        return wasCreated;
    }

    private static readonly IReadOnlyDictionary<string, object?> Imported = new Dictionary<string, object?>(StringComparer.Ordinal) { ["source"] = "import" };

    private sealed class ImportRowValidator : ProductFieldsValidator<ProductImportFields>
    {
        public ImportRowValidator() => RuleFor(f => f.Sku).NotEmpty().WithMessage("Every imported row needs a SKU (the upsert key).");
    }
}

internal sealed class ImportProductsCommandValidator : AbstractValidator<ImportProductsCommand>
{
    public ImportProductsCommandValidator() =>
        RuleFor(c => c.Rows).NotEmpty().WithMessage("The file holds no rows.")
            .Must(r => r.Count <= ProductImportParser.MaxRows).WithMessage($"At most {ProductImportParser.MaxRows} rows per request.");
}
