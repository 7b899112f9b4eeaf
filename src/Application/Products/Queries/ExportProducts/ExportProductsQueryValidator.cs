using FluentValidation;

namespace Catalog.Application.Products.Queries.ExportProducts;

public sealed class ExportProductsQueryValidator : ProductFilterValidator<ExportProductsQuery>
{
    public ExportProductsQueryValidator()
        : base(q => q.Filter) =>
        RuleFor(q => q.Format)
            .Must(f => f is null || ProductExportFormats.All.Contains(f))
            .WithMessage($"'format' must be one of: {string.Join(", ", ProductExportFormats.All)}.");
}
