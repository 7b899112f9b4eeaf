using System.Net;
using Catalog.WebApi.Security;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Catalog.WebApi.Hardening;

/// <summary>
/// Security defaults and limits (docs/operations.md, "Security defaults and limits"): forwarded headers from known
/// proxies, security headers, HSTS outside Development, optional HTTPS redirection, CORS from configuration,
/// request size limits and a graceful stop. ADR-071.
/// </summary>
public static class HardeningSetup
{
    public const string CorsOriginsKey = "Cors:AllowedOrigins";
    public const string KnownProxiesKey = "ForwardedHeaders:KnownProxies";
    public const string KnownNetworksKey = "ForwardedHeaders:KnownNetworks";

    internal static readonly string[] CorsAllowedHeaders =
        ["Authorization", "Content-Type", "X-Api-Key", "If-Match", "If-None-Match", "Idempotency-Key", "X-Request-Id"];

    internal static readonly string[] CorsExposedHeaders =
        ["ETag", "Location", "Retry-After", "X-Request-Id", "X-RateLimit-Limit", "X-RateLimit-Remaining", "api-supported-versions"];

    public static IServiceCollection AddCatalogHardening(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection(RequestLimitsOptions.SectionName).Get<RequestLimitsOptions>() ?? new RequestLimitsOptions();
        services.AddOptions<RequestLimitsOptions>().Bind(configuration.GetSection(RequestLimitsOptions.SectionName));
        services.Configure<KestrelServerOptions>(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // The per-request limit is narrowed by RequestBodyLimitMiddleware; this is the ceiling.
            kestrel.Limits.MaxRequestBodySize = Math.Max(limits.MaxBodyBytes, limits.MaxImportBodyBytes);
            kestrel.Limits.MaxRequestHeadersTotalSize = limits.MaxRequestHeadersTotalBytes;
            kestrel.Limits.MaxRequestHeaderCount = limits.MaxRequestHeaderCount;
            kestrel.Limits.MaxRequestLineSize = limits.MaxRequestLineBytes;
        });

        services.Configure<ForwardedHeadersOptions>(options => ConfigureForwardedHeaders(options, configuration));
        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = true;
        });
        services.AddHttpsRedirection(options =>
        {
            options.RedirectStatusCode = StatusCodes.Status308PermanentRedirect;
            options.HttpsPort = configuration.GetValue<int?>("Https:Port");
        });

        var origins = ReadList(configuration, CorsOriginsKey);
        if (origins.Count > 0)
        {
            services.AddCors(options => options.AddDefaultPolicy(policy =>
            {
                if (origins.Contains("*"))
                {
                    policy.AllowAnyOrigin();
                }
                else
                {
                    policy.WithOrigins([.. origins]);
                }

                // Credentials travel in headers, never in cookies: no AllowCredentials.
                policy.WithMethods("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")
                    .WithHeaders(CorsAllowedHeaders)
                    .WithExposedHeaders(CorsExposedHeaders)
                    .SetPreflightMaxAge(TimeSpan.FromMinutes(10));
            }));
        }

        services.AddOptions<ShutdownOptions>().Bind(configuration.GetSection(ShutdownOptions.SectionName));
        var shutdown = configuration.GetSection(ShutdownOptions.SectionName).Get<ShutdownOptions>() ?? new ShutdownOptions();
        services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(shutdown.TimeoutSeconds));
        services.AddHostedService<GracefulShutdown>();
        return services;
    }

    /// <summary>
    /// Goes first in the pipeline, so that every answer (errors included) is covered: no-store for credentialed requests
    /// (ADR-076), forwarded headers, security headers, HSTS, HTTPS redirection, CORS, the body limit.
    /// </summary>
    public static WebApplication UseCatalogHardening(this WebApplication app)
    {
        app.UseCredentialedNoStore();
        if (app.Configuration.GetValue("ForwardedHeaders:Enabled", true))
        {
            // A connection without a peer address (an in-memory test host) never gets forwarded headers applied.
            app.UseWhen(context => context.Connection.RemoteIpAddress is not null, branch => branch.UseForwardedHeaders());
        }

        app.UseMiddleware<SecurityHeadersMiddleware>();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        if (app.Configuration.GetValue("Https:RedirectHttp", false))
        {
            app.UseHttpsRedirection();
        }

        if (ReadList(app.Configuration, CorsOriginsKey).Count > 0)
        {
            app.UseCors();
        }

        app.UseMiddleware<RequestBodyLimitMiddleware>();
        return app;
    }

    /// <summary>
    /// After the exception handler (a body over its limit fails with 413 while this reads it) and after authentication,
    /// rate limiting and endpoint authorization (nothing buffers a body for a caller who may not send it): NUL
    /// characters and unpaired surrogates in query strings and text bodies answer 400 before anything binds them (ADR-072).
    /// </summary>
    public static WebApplication UseInputTextGuard(this WebApplication app)
    {
        app.UseMiddleware<InputTextGuardMiddleware>();
        return app;
    }

    /// <summary>
    /// X-Forwarded-For and X-Forwarded-Proto are believed only from the configured proxies/networks (the one place this is set),
    /// so that the client address (rate limits, audit, sessions) and the scheme (HSTS, redirects) cannot be forged.
    /// </summary>
    internal static void ConfigureForwardedHeaders(ForwardedHeadersOptions options, IConfiguration configuration)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        options.ForwardLimit = configuration.GetValue("ForwardedHeaders:ForwardLimit", 1);
        // Only the proxies named here are believed, not even loopback by default: list 127.0.0.1 for a sidecar proxy.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in ReadList(configuration, KnownProxiesKey))
        {
            if (!IPAddress.TryParse(proxy, out var address))
            {
                throw new InvalidOperationException($"{KnownProxiesKey} holds '{proxy}', which is not an IP address.");
            }

            options.KnownProxies.Add(address);
        }

        foreach (var network in ReadList(configuration, KnownNetworksKey))
        {
            if (!System.Net.IPNetwork.TryParse(network, out var parsed))
            {
                throw new InvalidOperationException($"{KnownNetworksKey} holds '{network}', which is not a CIDR network such as 10.0.0.0/8.");
            }

            options.KnownIPNetworks.Add(parsed);
        }
    }

    /// <summary>A list setting given as an array (<c>Key:0</c>, <c>Key:1</c>) or as one comma-separated value.</summary>
    internal static List<string> ReadList(IConfiguration configuration, string key)
    {
        var section = configuration.GetSection(key);
        var values = section.GetChildren().Select(c => c.Value).ToList();
        values.Add(section.Value);
        return values
            .Where(v => !string.IsNullOrWhiteSpace(v))
            .SelectMany(v => v!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }
}
