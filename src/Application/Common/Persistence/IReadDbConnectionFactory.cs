using System.Data.Common;

namespace Catalog.Application.Common.Persistence;

/// <summary>
/// Opens connections for the read side (Dapper over views and functions). It points at
/// <c>ConnectionStrings:CatalogRead</c>, which may be a streaming replica.
/// </summary>
public interface IReadDbConnectionFactory
{
    ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken);
}
