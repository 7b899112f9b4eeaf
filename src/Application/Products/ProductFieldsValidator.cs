using System.Text.Json;
using Catalog.Application.Common.Validation;
using Catalog.Domain.Common;
using Catalog.Domain.Products;
using FluentValidation;

namespace Catalog.Application.Products;

/// <summary>The per-field rules of a product body; the same rules validate every import row.</summary>
public abstract class ProductFieldsValidator<T> : AbstractValidator<T>
    where T : ProductFieldSet
{
    public const int DimensionsMaxBytes = 1024;

    protected ProductFieldsValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(Product.NameMaxLength).NoControlCharacters();
        RuleFor(c => c.Slug).ValidSlug(Product.SlugMaxLength);
        RuleFor(c => c.Description).MaximumLength(Product.DescriptionMaxLength).NoControlCharacters();
        RuleFor(c => c.ShortDescription).MaximumLength(Product.ShortDescriptionMaxLength).NoControlCharacters();
        RuleFor(c => c.Price).NotNull().GreaterThanOrEqualTo(0).LessThanOrEqualTo(Product.MaxMoney).PrecisionScale(10, 2, true);
        RuleFor(c => c.CompareAtPrice).GreaterThan(c => c.Price ?? 0).LessThanOrEqualTo(Product.MaxMoney).PrecisionScale(10, 2, true)
            .WithMessage("Must be greater than the price, with at most 2 decimals.");
        RuleFor(c => c.Cost).GreaterThanOrEqualTo(0).LessThanOrEqualTo(Product.MaxMoney).PrecisionScale(10, 2, true);
        RuleFor(c => c.Sku).MaximumLength(Product.SkuMaxLength).Must(s => s is null || s.Trim().Length > 0).WithMessage("Must not be blank.").NoControlCharacters();
        RuleFor(c => c.Barcode).MaximumLength(Product.BarcodeMaxLength).NoControlCharacters();
        RuleFor(c => c.StockQuantity).GreaterThanOrEqualTo(0);
        RuleFor(c => c.LowStockThreshold).GreaterThanOrEqualTo(0);
        RuleFor(c => c.Weight).GreaterThanOrEqualTo(0).LessThanOrEqualTo(Product.MaxWeight).PrecisionScale(10, 3, true);
        RuleFor(c => c.Tags).Must(t => t is null || t.Count <= Product.MaxTags).WithMessage($"At most {Product.MaxTags} tags.");
        RuleForEach(c => c.Tags).NotEmpty().MaximumLength(Product.TagMaxLength).NoControlCharacters();
        RuleFor(c => c.Images).Must(BeImageList).WithMessage($"Must be an array of at most {Product.MaxImages} absolute http(s) URLs or {{url, alt}} objects.");
        RuleFor(c => c.Dimensions).Must(BeDimensions).WithMessage("Must be an object {length, width, height} of numbers ≥ 0 or null.");
        RuleFor(c => c.Metadata).JsonObjectUpTo16K();
    }

    public static bool BeImageList(JsonElement? images)
    {
        if (images is null || images.Value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (images.Value.ValueKind != JsonValueKind.Array || images.Value.GetArrayLength() > Product.MaxImages)
        {
            return false;
        }

        foreach (var image in images.Value.EnumerateArray())
        {
            var ok = image.ValueKind switch
            {
                JsonValueKind.String => WebUrl.IsValid(image.GetString()),
                JsonValueKind.Object => image.TryGetProperty("url", out var url) && url.ValueKind == JsonValueKind.String && WebUrl.IsValid(url.GetString())
                    && (!image.TryGetProperty("alt", out var alt) || alt.ValueKind == JsonValueKind.Null || (alt.ValueKind == JsonValueKind.String && alt.GetString()!.Length <= 255)),
                _ => false,
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    public static bool BeDimensions(JsonElement? dimensions)
    {
        if (dimensions is null || dimensions.Value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (dimensions.Value.ValueKind != JsonValueKind.Object || dimensions.Value.GetRawText().Length > DimensionsMaxBytes)
        {
            return false;
        }

        foreach (var property in dimensions.Value.EnumerateObject())
        {
            if (property.Name is not ("length" or "width" or "height" or "unit"))
            {
                return false;
            }

            var ok = property.Name == "unit"
                ? property.Value.ValueKind is JsonValueKind.String or JsonValueKind.Null
                : property.Value.ValueKind == JsonValueKind.Null || (property.Value.ValueKind == JsonValueKind.Number && property.Value.GetDecimal() >= 0);
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
