using Catalog.Application.Common.Identity;
using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;

namespace Catalog.Application.Sessions.Queries.ListMySessions;

/// <summary>The caller's live sessions, the one making this request marked <c>current</c>.</summary>
[Authorize(UsersOnly = true)]
public sealed record ListMySessionsQuery : IQuery<IReadOnlyList<SessionResponse>>;

internal sealed class ListMySessionsQueryHandler(ISessionStore sessions, ICurrentUser currentUser) : IQueryHandler<ListMySessionsQuery, IReadOnlyList<SessionResponse>>
{
    public async Task<Result<IReadOnlyList<SessionResponse>>> Handle(ListMySessionsQuery request, CancellationToken cancellationToken)
    {
        var list = await sessions.ListActiveAsync(currentUser.UserId!.Value, cancellationToken);
        return list.Select(s => new SessionResponse(s.Id, s.IpAddress, s.UserAgent, s.CreatedAt, s.LastActivityAt, s.ExpiresAt, s.Id == currentUser.SessionId)).ToList();
    }
}
