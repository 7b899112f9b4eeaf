namespace Catalog.Infrastructure.Database;

/// <summary>Fills an empty development database with a demo catalog (Seed:DemoData).</summary>
public interface IDemoDataSeeder
{
    Task SeedAsync(CancellationToken cancellationToken);
}
