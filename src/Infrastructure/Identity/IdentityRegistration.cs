using Catalog.Application.Auth;
using Catalog.Application.Common.Identity;
using Catalog.Application.Common.Persistence;
using Catalog.Infrastructure.Identity.ApiKeys;
using Catalog.Infrastructure.Identity.Sessions;
using Catalog.Infrastructure.Persistence.Repositories;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.Infrastructure.Identity;

public static class IdentityRegistration
{
    /// <summary>Accounts, sessions, refresh tokens, API keys, roles and the per-request identity checks.</summary>
    public static IServiceCollection AddIdentityServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.SectionName));
        services.AddOptions<ApiKeyOptions>().Bind(configuration.GetSection(ApiKeyOptions.SectionName));

        services.AddScoped<IUserRepository, UserRepository>();
        services.AddScoped<IApiKeyRepository, ApiKeyRepository>();
        services.AddScoped<IRolePermissionStore, RolePermissionStore>();
        services.AddScoped<ISessionStore, SessionStore>();
        services.AddScoped<IUserTokenStore, UserTokenStore>();
        services.AddScoped<IEmailOutbox, EmailOutbox>();
        services.AddSingleton<OutboxBodyProtector>();
        services.AddScoped<ILoginThrottle, LoginThrottle>();
        services.AddSingleton<IPasswordPolicy, CommonPasswordPolicy>();
        services.AddSingleton<IApiKeyGenerator, ApiKeyGenerator>();
        services.AddSingleton<IdentityChangeAnnouncer>();
        services.AddSingleton<IdentityStateCache>();
        services.AddSingleton<IIdentityStateCache>(sp => sp.GetRequiredService<IdentityStateCache>());
        services.AddSingleton<IAccessTokenStateChecker, AccessTokenStateChecker>();
        services.AddSingleton<ApiKeyVerifier>();
        services.AddSingleton<IApiKeyVerifier>(sp => sp.GetRequiredService<ApiKeyVerifier>());
        services.AddSingleton<ApiKeyNegativeCache>();
        services.AddSingleton<ApiKeyUsageTracker>();
        services.AddHostedService<ApiKeyUsageFlusher>();
        return services;
    }
}
