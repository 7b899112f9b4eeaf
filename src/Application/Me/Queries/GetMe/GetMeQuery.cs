using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Application.Users;
using Catalog.Domain.Common;
using Dapper;

namespace Catalog.Application.Me.Queries.GetMe;

[Authorize(UsersOnly = true)]
public sealed record GetMeQuery : IQuery<UserResponse>;

internal sealed class GetMeQueryHandler(IReadDbConnectionFactory connections, ICurrentUser currentUser) : IQueryHandler<GetMeQuery, UserResponse>
{
    private const string Sql = $"SELECT {UserRow.Columns} FROM users WHERE id = @Id AND deleted_at IS NULL";

    public async Task<Result<UserResponse>> Handle(GetMeQuery request, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(Sql, new { Id = currentUser.UserId }, cancellationToken: cancellationToken));
        return row is null ? Error.Unauthorized() : row.ToResponse();
    }
}
