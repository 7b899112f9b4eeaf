namespace Catalog.Application.Products.Commands.UpdateProduct;

internal sealed class UpdateProductCommandValidator : ProductFieldsValidator<UpdateProductCommand>
{
}
