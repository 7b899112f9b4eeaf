using Catalog.Application.Common.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.Infrastructure.Persistence.Repositories;

public static class CatalogCommandsRegistration
{
    /// <summary>The repositories of the catalog's write side (products, categories, reviews).</summary>
    public static IServiceCollection AddCatalogCommandPersistence(this IServiceCollection services)
    {
        services.AddScoped<IProductRepository, ProductRepository>();
        services.AddScoped<ICategoryRepository, CategoryRepository>();
        services.AddScoped<IReviewRepository, ReviewRepository>();
        return services;
    }
}
