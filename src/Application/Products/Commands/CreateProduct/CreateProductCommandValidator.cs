namespace Catalog.Application.Products.Commands.CreateProduct;

internal sealed class CreateProductCommandValidator : ProductFieldsValidator<CreateProductCommand>
{
}
