using Catalog.Application.Common.Caching;
using Catalog.Infrastructure.Caching;

namespace Catalog.WebApi.Caching;

public static class CatalogCachingSetup
{
    /// <summary>The output cache for anonymous catalog reads and its event- and NOTIFY-driven eviction.</summary>
    public static IServiceCollection AddCatalogCaching(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CatalogCachingOptions>().Bind(configuration.GetSection(CatalogCachingOptions.SectionName));
        services.AddOutputCache();
        services.AddSingleton<ICatalogCache, OutputCatalogCache>();
        services.AddCatalogReadModel();
        return services;
    }

    /// <summary>After authentication, so that the policy sees the caller; before the endpoints.</summary>
    public static IApplicationBuilder UseCatalogCaching(this IApplicationBuilder app) => app.UseOutputCache();
}
