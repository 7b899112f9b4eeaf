using Microsoft.Extensions.DependencyInjection;

namespace Catalog.Infrastructure.Database.DemoData;

public static class DemoDataRegistration
{
    /// <summary>The development demo catalog; DatabaseStartup runs it when Seed:DemoData is true.</summary>
    public static IServiceCollection AddDemoData(this IServiceCollection services) =>
        services.AddSingleton<IDemoDataSeeder, DemoDataSeeder>();
}
