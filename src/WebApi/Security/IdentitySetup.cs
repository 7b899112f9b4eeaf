using Catalog.WebApi.RateLimiting;
using Microsoft.AspNetCore.Authentication;

namespace Catalog.WebApi.Security;

public static class IdentitySetup
{
    /// <summary>Access-token state validation, the API-key scheme and rate limits (forwarded-header trust: Hardening/HardeningSetup).</summary>
    public static IServiceCollection AddCatalogIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<IAccessTokenValidator, SessionAccessTokenValidator>();
        services.AddSingleton<IApiKeySchemeMarker, ApiKeySchemeMarker>();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(AuthenticationSetup.ApiKeyScheme, null);
        services.AddCatalogRateLimiting(configuration);
        return services;
    }
}
