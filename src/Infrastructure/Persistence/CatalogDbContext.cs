using Microsoft.EntityFrameworkCore;

namespace Catalog.Infrastructure.Persistence;

/// <summary>
/// The write side. Aggregates are mapped by the configurations in this assembly onto the schema that the SQL
/// migrations create; names are snake_case as in the reference schema, given by EFCore.NamingConventions
/// (<see cref="CatalogNaming.UseCatalogNaming{TBuilder}"/> on every options builder of this context).
/// </summary>
public sealed class CatalogDbContext(DbContextOptions<CatalogDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CatalogDbContext).Assembly);
}
