using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;
using Dapper;

namespace Catalog.Application.ApiKeys.Queries.GetApiKey;

/// <summary>One of the caller's keys; someone else's is not found.</summary>
[Authorize(Permissions.ApiKeysRead)]
public sealed record GetApiKeyQuery(Guid Id) : IQuery<ApiKeyResponse>;

internal sealed class GetApiKeyQueryHandler(IReadDbConnectionFactory connections, ICurrentUser currentUser) : IQueryHandler<GetApiKeyQuery, ApiKeyResponse>
{
    private const string Sql = $"SELECT {ApiKeyRow.Columns} FROM v_api_keys WHERE id = @Id AND created_by = @Owner";

    public async Task<Result<ApiKeyResponse>> Handle(GetApiKeyQuery request, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ApiKeyRow>(new CommandDefinition(Sql, new { request.Id, Owner = currentUser.UserId }, cancellationToken: cancellationToken));
        return row is null ? Error.NotFound("api_key", request.Id) : row.ToResponse();
    }
}
