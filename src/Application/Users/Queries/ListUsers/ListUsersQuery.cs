using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Paging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;
using Dapper;

namespace Catalog.Application.Users.Queries.ListUsers;

/// <summary>Back-office user list, newest first, keyset-paged.</summary>
[Authorize(Permissions.UsersRead)]
public sealed record ListUsersQuery(string? Q, string? Role, bool? IsActive, int? Limit, string? Cursor) : IQuery<Page<UserResponse>>;

internal sealed record UserCursor(DateTime CreatedAt, Guid Id);

internal sealed class ListUsersQueryHandler(IReadDbConnectionFactory connections, ICursorCodec cursors) : IQueryHandler<ListUsersQuery, Page<UserResponse>>
{
    private const string Scope = "users:created_desc";

    private const string Sql = $"""
        SELECT {UserRow.Columns}
        FROM users
        WHERE deleted_at IS NULL
          AND (@Pattern::text IS NULL OR email ILIKE @Pattern OR first_name ILIKE @Pattern OR last_name ILIKE @Pattern)
          AND (@Role::text IS NULL OR @Role = ANY (roles))
          AND (@IsActive::boolean IS NULL OR is_active = @IsActive)
          AND (@AfterCreatedAt::timestamptz IS NULL OR (created_at, id) < (@AfterCreatedAt, @AfterId))
        ORDER BY created_at DESC, id DESC
        LIMIT @Take
        """;

    public async Task<Result<Page<UserResponse>>> Handle(ListUsersQuery request, CancellationToken cancellationToken)
    {
        var page = cursors.Start<UserCursor>(Scope, request.Cursor, request.Limit);
        if (page.IsFailure)
        {
            return page.Error!;
        }

        var keyset = page.Value;
        var after = keyset.After;
        var parameters = new
        {
            Pattern = string.IsNullOrWhiteSpace(request.Q) ? null : "%" + EscapeLike(request.Q.Trim()) + "%",
            request.Role,
            request.IsActive,
            AfterCreatedAt = after is null ? (DateTime?)null : DateTime.SpecifyKind(after.CreatedAt, DateTimeKind.Utc),
            AfterId = after?.Id ?? Guid.Empty,
            keyset.Take,
        };
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<UserRow>(new CommandDefinition(Sql, parameters, cancellationToken: cancellationToken))).AsList();
        return cursors.ToPage(keyset, rows, r => new UserCursor(r.CreatedAt, r.Id), r => r.ToResponse());
    }

    private static string EscapeLike(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
