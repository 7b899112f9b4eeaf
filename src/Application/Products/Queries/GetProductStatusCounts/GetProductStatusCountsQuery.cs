using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;
using Dapper;

namespace Catalog.Application.Products.Queries.GetProductStatusCounts;

/// <summary>How many live (not deleted) products each workflow status holds: the back-office dashboard's first figures.</summary>
[Authorize(Permissions.ProductsRead)]
public sealed record GetProductStatusCountsQuery : IQuery<IReadOnlyList<ProductStatusCount>>;

public sealed record ProductStatusCount(string Status, long Count);

internal sealed class GetProductStatusCountsQueryHandler(IReadDbConnectionFactory connections)
    : IQueryHandler<GetProductStatusCountsQuery, IReadOnlyList<ProductStatusCount>>
{
    private const string Sql = "SELECT status AS Status, count(*) AS Count FROM v_backoffice_products GROUP BY status";

    public async Task<Result<IReadOnlyList<ProductStatusCount>>> Handle(GetProductStatusCountsQuery request, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var counts = (await connection.QueryAsync<ProductStatusCount>(new CommandDefinition(Sql, cancellationToken: cancellationToken)))
            .ToDictionary(c => c.Status, c => c.Count, StringComparer.Ordinal);
        return ProductFilter.Statuses.Select(s => new ProductStatusCount(s, counts.GetValueOrDefault(s))).ToList();
    }
}
