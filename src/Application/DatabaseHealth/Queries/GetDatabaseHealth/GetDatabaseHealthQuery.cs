using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;

namespace Catalog.Application.DatabaseHealth.Queries.GetDatabaseHealth;

/// <summary>The database's health: tables, indexes, cache, connections, long queries, audit partitions, replication.</summary>
[Authorize(Permissions.DatabaseRead)]
public sealed record GetDatabaseHealthQuery : IQuery<DatabaseHealthResponse>;

internal sealed class GetDatabaseHealthQueryHandler(IDatabaseHealthReader reader) : IQueryHandler<GetDatabaseHealthQuery, DatabaseHealthResponse>
{
    public async Task<Result<DatabaseHealthResponse>> Handle(GetDatabaseHealthQuery request, CancellationToken cancellationToken) =>
        Result.Success(await reader.ReadAsync(cancellationToken));
}
