using Catalog.Application.DatabaseHealth;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.Infrastructure.Observability;

public static class DatabaseHealthRegistration
{
    /// <summary>GET /admin/database's reader and the readiness check's figures (pool use, audit partition runway).</summary>
    public static IServiceCollection AddCatalogDatabaseHealth(this IServiceCollection services)
    {
        services.AddScoped<IDatabaseHealthReader, DatabaseHealthReader>();
        services.AddSingleton<DatabaseCapacity>();
        return services;
    }
}
