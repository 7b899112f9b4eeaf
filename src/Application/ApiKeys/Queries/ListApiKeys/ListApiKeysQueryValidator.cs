using Catalog.Application.Common.Paging;
using FluentValidation;

namespace Catalog.Application.ApiKeys.Queries.ListApiKeys;

internal sealed class ListApiKeysQueryValidator : AbstractValidator<ListApiKeysQuery>
{
    public ListApiKeysQueryValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, PageLimits.Max);
        RuleFor(q => q.Cursor).MaximumLength(1000);
    }
}
