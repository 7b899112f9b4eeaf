
namespace Catalog.Application.Products.Commands.ImportProducts;

/// <summary>One product of an import file, with the same fields as a create body.</summary>
public sealed record ProductImportFields : ProductFieldSet;

/// <summary>A row of the file (1-based, header excluded): its fields, or why it could not be read.</summary>
public sealed record ProductImportRow(int Row, ProductImportFields? Fields, IReadOnlyDictionary<string, string[]>? ParseErrors);

/// <summary>The per-row error report of POST /products/import.</summary>
public sealed record ImportRowError(int Row, IReadOnlyDictionary<string, string[]> Errors);

public sealed record ImportResult(int Created, int Updated, int Failed, IReadOnlyList<ImportRowError> Errors);
