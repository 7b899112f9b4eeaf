using System.Data.Common;
using Catalog.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Catalog.Infrastructure.Identity;

/// <summary>Lets Dapper run on the DbContext's connection, inside the command's transaction when there is one.</summary>
internal static class DbContextSql
{
    public static async Task<(DbConnection Connection, DbTransaction? Transaction)> OpenAsync(this CatalogDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        return (db.Database.GetDbConnection(), db.Database.CurrentTransaction?.GetDbTransaction());
    }
}
