using Catalog.Application.Common.Paging;
using FluentValidation;

namespace Catalog.Application.Users.Queries.ListUsers;

internal sealed class ListUsersQueryValidator : AbstractValidator<ListUsersQuery>
{
    public ListUsersQueryValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, PageLimits.Max);
        RuleFor(q => q.Q).MaximumLength(200);
        RuleFor(q => q.Role).MaximumLength(50);
        RuleFor(q => q.Cursor).MaximumLength(1000);
    }
}
