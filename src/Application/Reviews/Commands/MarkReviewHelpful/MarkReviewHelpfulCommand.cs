using Catalog.Application.Common.Auditing;
using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;
using Catalog.Domain.Reviews;

namespace Catalog.Application.Reviews.Commands.MarkReviewHelpful;

/// <summary>Counts a signed-in user's "helpful" once per review; voting again changes nothing and answers the same count.</summary>
[Authorize(UsersOnly = true)]
public sealed record MarkReviewHelpfulCommand(Guid Id) : ICommand<HelpfulResponse>;

internal sealed class MarkReviewHelpfulCommandHandler(IReviewRepository reviews, IAuditTrail audit, ICurrentUser currentUser)
    : ICommandHandler<MarkReviewHelpfulCommand, HelpfulResponse>
{
    public async Task<Result<HelpfulResponse>> Handle(MarkReviewHelpfulCommand request, CancellationToken cancellationToken)
    {
        var review = await reviews.GetByIdAsync(request.Id, cancellationToken);
        if (review is null)
        {
            return Error.NotFound("review", request.Id);
        }

        var count = await reviews.VoteHelpfulAsync(review.Id, currentUser.UserId!.Value, cancellationToken);
        if (count is null)
        {
            return Error.NotFound("review", request.Id);
        }

        review.MarkedHelpful();
        audit.Record(new AuditEntry("review.helpful", "review", review.Id, Metadata: new Dictionary<string, object?>(StringComparer.Ordinal) { ["helpfulCount"] = count }));
        return new HelpfulResponse(count.Value);
    }
}
