using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Paging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;
using Dapper;
using FluentValidation;

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
        ApiKeyCursor? after = null;
        if (request.Cursor is not null)
        {
            var decoded = cursors.Decode<ApiKeyCursor>(Scope, request.Cursor);
            if (decoded.IsFailure)
            {
                return decoded.Error!;
            }

            after = decoded.Value;
        }

        var limit = request.Limit ?? PageLimits.Default;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<ApiKeyRow>(new CommandDefinition(Sql, new
        {
            Owner = currentUser.UserId,
            AfterCreatedAt = after is null ? (DateTime?)null : DateTime.SpecifyKind(after.CreatedAt, DateTimeKind.Utc),
            AfterId = after?.Id ?? Guid.Empty,
            Take = limit + 1,
        }, cancellationToken: cancellationToken))).ToList();
        string? next = null;
        if (rows.Count > limit)
        {
            rows.RemoveAt(limit);
            next = cursors.Encode(Scope, new ApiKeyCursor(rows[^1].CreatedAt, rows[^1].Id));
        }

        return new Page<ApiKeyResponse>(rows.ConvertAll(r => r.ToResponse()), next);
    }
}

internal sealed class ListApiKeysQueryValidator : AbstractValidator<ListApiKeysQuery>
{
    public ListApiKeysQueryValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, PageLimits.Max);
        RuleFor(q => q.Cursor).MaximumLength(1000);
    }
}
