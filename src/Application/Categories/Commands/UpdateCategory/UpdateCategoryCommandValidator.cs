namespace Catalog.Application.Categories.Commands.UpdateCategory;

internal sealed class UpdateCategoryCommandValidator : CategoryFieldsValidator<UpdateCategoryCommand>
{
}
