using Catalog.Application.Common.Identity;
using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;
using Dapper;

namespace Catalog.Application.Sessions.Queries.ListUserSessions;

/// <summary>A user's live sessions for the back office (users:read); the caller's own one, if listed, marked <c>current</c>.</summary>
[Authorize(Permissions.UsersRead, UsersOnly = true)]
public sealed record ListUserSessionsQuery(Guid UserId) : IQuery<IReadOnlyList<SessionResponse>>;

internal sealed class ListUserSessionsQueryHandler(IReadDbConnectionFactory connections, ISessionStore sessions, ICurrentUser currentUser)
    : IQueryHandler<ListUserSessionsQuery, IReadOnlyList<SessionResponse>>
{
    private const string UserExistsSql = "SELECT EXISTS (SELECT 1 FROM users WHERE id = @UserId AND deleted_at IS NULL)";

    public async Task<Result<IReadOnlyList<SessionResponse>>> Handle(ListUserSessionsQuery request, CancellationToken cancellationToken)
    {
        await using (var connection = await connections.OpenAsync(cancellationToken))
        {
            if (!await connection.ExecuteScalarAsync<bool>(new CommandDefinition(UserExistsSql, new { request.UserId }, cancellationToken: cancellationToken)))
            {
                return Error.NotFound("user", request.UserId);
            }
        }

        var list = await sessions.ListActiveAsync(request.UserId, cancellationToken);
        return list.Select(s => new SessionResponse(s.Id, s.IpAddress, s.UserAgent, s.CreatedAt, s.LastActivityAt, s.ExpiresAt, s.Id == currentUser.SessionId)).ToList();
    }
}
