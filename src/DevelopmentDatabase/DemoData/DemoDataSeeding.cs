using Microsoft.Extensions.Hosting;

namespace Catalog.DevelopmentDatabase.DemoData;

/// <summary>
/// Seeds the demo catalog as the host starts (Seed:DemoData, Development only): after the start-up migrations and the
/// bootstrap admin, which run before the host starts, and before the server accepts requests.
/// </summary>
internal sealed class DemoDataSeeding(DemoDataSeeder seeder) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => seeder.SeedAsync(CatalogDataSpec.Demo, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
