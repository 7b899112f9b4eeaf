using Catalog.Application.Common.Paging;
using FluentValidation;

namespace Catalog.Application.AuditLogs.Queries.GetAuditLogs;

public sealed class GetAuditLogsQueryValidator : AbstractValidator<GetAuditLogsQuery>
{
    public GetAuditLogsQueryValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, PageLimits.Max).When(q => q.Limit is not null);
        RuleFor(q => q.ResourceType).MaximumLength(50);
        RuleFor(q => q.Action).MaximumLength(100);
        RuleFor(q => q.From).Must(v => v is null || IsoTimestamp.TryParse(v, out _)).WithMessage("Must be an ISO-8601 date or timestamp.");
        RuleFor(q => q.To).Must(v => v is null || IsoTimestamp.TryParse(v, out _)).WithMessage("Must be an ISO-8601 date or timestamp.");
        RuleFor(q => q)
            .Must(q => IsoTimestamp.ParseOrNull(q.From) <= IsoTimestamp.ParseOrNull(q.To))
            .When(q => IsoTimestamp.ParseOrNull(q.From) is not null && IsoTimestamp.ParseOrNull(q.To) is not null)
            .WithName("from")
            .OverridePropertyName("from")
            .WithMessage("'from' must not be later than 'to'.");
    }
}
