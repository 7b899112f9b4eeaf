using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Paging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;
using Dapper;

namespace Catalog.Application.ApiKeys.Queries.ListApiKeys;

/// <summary>The caller's live keys, newest first, keyset-paged.</summary>
[Authorize(Permissions.ApiKeysRead)]
public sealed record ListApiKeysQuery(int? Limit, string? Cursor) : IQuery<Page<ApiKeyResponse>>;

internal sealed record ApiKeyCursor(DateTime CreatedAt, Guid Id);

internal sealed class ListApiKeysQueryHandler(IReadDbConnectionFactory connections, ICursorCodec cursors, ICurrentUser currentUser)
    : IQueryHandler<ListApiKeysQuery, Page<ApiKeyResponse>>
{
    private const string Scope = "api_keys:created_desc";

    private const string Sql = $"""
        SELECT {ApiKeyRow.Columns}
        FROM v_api_keys
        WHERE created_by = @Owner
          AND (@AfterCreatedAt::timestamptz IS NULL OR (created_at, id) < (@AfterCreatedAt, @AfterId))
        ORDER BY created_at DESC, id DESC
        LIMIT @Take
        """;

    public async Task<Result<Page<ApiKeyResponse>>> Handle(ListApiKeysQuery request, CancellationToken cancellationToken)
    {
        var page = cursors.Start<ApiKeyCursor>(Scope, request.Cursor, request.Limit);
        if (page.IsFailure)
        {
            return page.Error!;
        }

        var keyset = page.Value;
        var after = keyset.After;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<ApiKeyRow>(new CommandDefinition(Sql, new
        {
            Owner = currentUser.UserId,
            AfterCreatedAt = after is null ? (DateTime?)null : DateTime.SpecifyKind(after.CreatedAt, DateTimeKind.Utc),
            AfterId = after?.Id ?? Guid.Empty,
            keyset.Take,
        }, cancellationToken: cancellationToken))).AsList();
        return cursors.ToPage(keyset, rows, r => new ApiKeyCursor(r.CreatedAt, r.Id), r => r.ToResponse());
    }
}
