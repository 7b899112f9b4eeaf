namespace Catalog.Application.Categories.Commands.CreateCategory;

internal sealed class CreateCategoryCommandValidator : CategoryFieldsValidator<CreateCategoryCommand>
{
}
