namespace Catalog.Application.Brands.Commands.CreateBrand;

internal sealed class CreateBrandCommandValidator : BrandFieldsValidator<CreateBrandCommand>
{
}
