using Catalog.Domain.Common;

namespace Catalog.Application.Products.Commands.ImportProducts;

/// <summary>
/// An import file that no honest exporter writes: the read stops at the first offending row, and the import answers
/// 400 or 413 naming it, with nothing written (the command's transaction rolls back).
/// </summary>
public sealed class ProductImportFileException : Exception
{
    private ProductImportFileException(int row, Error error)
        : base(error.Message)
    {
        Row = row;
        Error = error;
    }

    public ProductImportFileException()
        : this(0, Error.Validation("body", "The import file cannot be read."))
    {
    }

    public ProductImportFileException(string message)
        : this(0, Error.Validation("body", message))
    {
    }

    public ProductImportFileException(string message, Exception innerException)
        : base(message, innerException) => Error = Error.Validation("body", message);

    /// <summary>The first offending row (1-based, a CSV header is row 0).</summary>
    public int Row { get; }

    /// <summary>The answer: 413 for a file over a size limit, 400 for one that breaks the format.</summary>
    public Error Error { get; }

    private static string Name(int row) => row == 0 ? "The header row" : $"Row {row}";

    public static ProductImportFileException TooManyRows(int row) =>
        new(row, Error.TooLarge("body", $"At most {ProductImportFile.MaxRows} rows per request; row {row} is one too many."));

    public static ProductImportFileException RowTooLong(int row) =>
        new(row, Error.TooLarge("body", $"{Name(row)} is longer than {ProductImportFile.MaxRowLength} characters."));

    public static ProductImportFileException TooManyFields(int row) =>
        new(row, Error.Validation("body", $"{Name(row)} has more than {ProductImportFile.MaxFields} fields."));

    public static ProductImportFileException UnstorableText(int row) =>
        new(row, Error.Validation("body", $"{Name(row)} contains a NUL character or an unpaired UTF-16 surrogate."));
}
