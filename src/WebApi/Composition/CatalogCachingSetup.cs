using Catalog.Application.Common.Caching;
using Catalog.Infrastructure.Caching;
using Catalog.WebApi.Caching;
using Microsoft.Extensions.Options;

namespace Catalog.WebApi.Composition;

public static class CatalogCachingSetup
{
    /// <summary>The output cache for anonymous catalog reads and its event- and NOTIFY-driven eviction.</summary>
    public static IServiceCollection AddCatalogCaching(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(CatalogCachingOptions.SectionName);
        services.AddOptions<CatalogCachingOptions>().Bind(section);
        var caching = section.Get<CatalogCachingOptions>() ?? new CatalogCachingOptions();
        if (caching.SizeLimitMegabytes < 1 || caching.MaximumBodySizeKilobytes < 1)
        {
            throw new InvalidOperationException("Caching:SizeLimitMegabytes and Caching:MaximumBodySizeKilobytes must be at least 1.");
        }

        services.AddOutputCache(options =>
        {
            options.SizeLimit = caching.SizeLimitMegabytes * 1024L * 1024L;
            options.MaximumBodySize = caching.MaximumBodySizeKilobytes * 1024L;
        });
        services.AddSingleton<ICatalogCache, OutputCatalogCache>();
        services.AddCatalogReadModel();
        return services;
    }

    /// <summary>After authentication, so that the policy sees the caller; before the endpoints.</summary>
    public static IApplicationBuilder UseCatalogCaching(this IApplicationBuilder app) =>
        app.ApplicationServices.GetRequiredService<IOptions<CatalogCachingOptions>>().Value.ServerCacheEnabled ? app.UseOutputCache() : app;
}
