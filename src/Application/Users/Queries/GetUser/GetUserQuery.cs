using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;
using Dapper;

namespace Catalog.Application.Users.Queries.GetUser;

[Authorize(Permissions.UsersRead)]
public sealed record GetUserQuery(Guid Id) : IQuery<UserResponse>;

internal sealed class GetUserQueryHandler(IReadDbConnectionFactory connections) : IQueryHandler<GetUserQuery, UserResponse>
{
    private const string Sql = $"SELECT {UserRow.Columns} FROM users WHERE id = @Id AND deleted_at IS NULL";

    public async Task<Result<UserResponse>> Handle(GetUserQuery request, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(Sql, new { request.Id }, cancellationToken: cancellationToken));
        return row is null ? Error.NotFound("user", request.Id) : row.ToResponse();
    }
}
