using System.Net;
using Catalog.WebApi.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.HttpOverrides;

namespace Catalog.WebApi.Security;

public static class IdentitySetup
{
    /// <summary>Access-token state validation, the API-key scheme, forwarded-header trust and rate limits.</summary>
    public static IServiceCollection AddCatalogIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<IAccessTokenValidator, SessionAccessTokenValidator>();
        services.AddSingleton<IApiKeySchemeMarker, ApiKeySchemeMarker>();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(AuthenticationSetup.ApiKeyScheme, null);

        services.Configure<ForwardedHeadersOptions>(options =>
        {
            // X-Forwarded-For is believed only when it comes from a proxy named in ForwardedHeaders:KnownProxies.
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [])
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        });
        services.AddCatalogRateLimiting(configuration);
        return services;
    }

    /// <summary>A connection without a peer address (an in-memory test host) never gets forwarded headers applied.</summary>
    public static IApplicationBuilder UseCatalogForwardedHeaders(this IApplicationBuilder app) =>
        app.UseWhen(context => context.Connection.RemoteIpAddress is not null, branch => branch.UseForwardedHeaders());
}
