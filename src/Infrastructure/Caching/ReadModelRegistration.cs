using Catalog.Application.Common.Caching;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.Infrastructure.Caching;

public static class ReadModelRegistration
{
    /// <summary>
    /// Cross-instance invalidation of the catalog read cache: the post-commit handler and the NOTIFY broadcaster,
    /// and the LISTEN hosted service. The cache itself (<see cref="ICatalogCache"/>) is the web host's.
    /// </summary>
    public static IServiceCollection AddCatalogReadModel(this IServiceCollection services)
    {
        services.AddSingleton<ICatalogChangeBroadcaster, PostgresCatalogChangeBroadcaster>();
        services.AddCatalogCacheInvalidation();
        services.AddHostedService<CatalogChangeListener>();
        return services;
    }
}
