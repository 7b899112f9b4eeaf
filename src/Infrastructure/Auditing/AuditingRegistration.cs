using Catalog.Application.Common.Auditing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.Infrastructure.Auditing;

public static class AuditingRegistration
{
    /// <summary>The audit switch and per-request bookkeeping; AuditWriter and ISecurityAuditLog sit beside the unit of work.</summary>
    public static IServiceCollection AddAuditing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuditOptions>().Bind(configuration.GetSection(AuditOptions.SectionName));
        services.AddScoped<AuditRequestState>();
        return services;
    }
}
