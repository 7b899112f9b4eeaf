namespace Catalog.Application.Brands.Commands.UpdateBrand;

internal sealed class UpdateBrandCommandValidator : BrandFieldsValidator<UpdateBrandCommand>
{
}
