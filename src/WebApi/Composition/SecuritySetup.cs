using System.Security.Cryptography;
using System.Text;
using Catalog.Application.Common.Security;
using Catalog.Infrastructure.Identity;
using Catalog.WebApi.Infrastructure;
using Catalog.WebApi.RateLimiting;
using Catalog.WebApi.Security;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Catalog.WebApi.Composition;

/// <summary>
/// Who the caller is and what they may do: the bearer-token and API-key schemes, the per-request token and key checks
/// (through Application's ports), rate limits, and the request context the audit trail reads.
/// </summary>
public static class SecuritySetup
{
    public static IServiceCollection AddCatalogSecurity(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddCatalogAuthentication(configuration, environment);
        services.AddCatalogIdentity(configuration);
        services.AddScoped<IRequestContext, HttpRequestContext>();
        return services;
    }

    /// <summary>
    /// In this order, after the audit trail and before the endpoints: authentication (of the requests that present
    /// credentials), rate limiting (keyed by the caller it found), the 401 for credentials that failed, authorization,
    /// and the per-action demand (<see cref="AuthorizeAsAttribute{TRequest}"/>) before anything reads a body.
    /// </summary>
    public static IApplicationBuilder UseCatalogSecurity(this IApplicationBuilder app) => app
        .UseCatalogAuthentication()
        .UseCatalogRateLimiting()
        .UseCredentialCheck()
        .UseAuthorization()
        .UseEndpointAuthorization();

    public static IServiceCollection AddCatalogAuthentication(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var jwt = configuration.GetSection(JwtOptions.SectionName).Get<JwtOptions>() ?? new JwtOptions();
        jwt.SigningKey = ResolveSigningKey(configuration, environment);
        // The Development key is generated at start: publish it so every reader of Jwt:SigningKey (the cursor codec) sees it.
        configuration["Jwt:SigningKey"] = jwt.SigningKey;
        services.PostConfigure<JwtOptions>(o => o.SigningKey = jwt.SigningKey);

        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, HttpCurrentUser>();
        services
            .AddAuthentication(AuthenticationSetup.DefaultScheme)
            .AddPolicyScheme(AuthenticationSetup.DefaultScheme, "Bearer token or API key", options =>
            {
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.ContainsKey(AuthenticationSetup.ApiKeyHeader) && context.RequestServices.GetService<IApiKeySchemeMarker>() is not null
                        ? AuthenticationSetup.ApiKeyScheme
                        : JwtBearerDefaults.AuthenticationScheme;
            })
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                options.RequireHttpsMetadata = false;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = jwt.Issuer,
                    ValidAudience = jwt.Audience,
                    IssuerSigningKey = AccessTokenIssuer.CreateKey(jwt.SigningKey),
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    ValidTypes = [JwtOptions.AccessTokenType],
                    ClockSkew = TimeSpan.FromSeconds(Math.Min(jwt.ClockSkewSeconds, 30)),
                    RequireExpirationTime = true,
                    RequireSignedTokens = true,
                    ValidateIssuer = true,
                    ValidateAudience = true,
                    ValidateLifetime = true,
                    ValidateIssuerSigningKey = true,
                    NameClaimType = "sub",
                    RoleClaimType = CatalogClaims.Role,
                };
                options.Events = new JwtBearerEvents
                {
                    OnTokenValidated = async context =>
                    {
                        var validator = context.HttpContext.RequestServices.GetService<IAccessTokenValidator>();
                        if (validator is not null && !await validator.IsCurrentAsync(context.Principal!, context.HttpContext.RequestAborted))
                        {
                            context.Fail("The token is no longer valid.");
                            return;
                        }

                        await AuthenticationSetup.AddPermissionClaimsAsync(context.HttpContext, context.Principal!);
                    },
                    // The problem response is written by the credential check below or by the handler's result.
                    OnChallenge = context =>
                    {
                        context.HandleResponse();
                        return Task.CompletedTask;
                    },
                };
            });
        return services;
    }

    private static string ResolveSigningKey(IConfiguration configuration, IHostEnvironment environment)
    {
        var key = configuration["Jwt:SigningKey"];
        if (!string.IsNullOrEmpty(key))
        {
            if (Encoding.UTF8.GetByteCount(key) < 32)
            {
                throw new InvalidOperationException("Jwt:SigningKey must be at least 32 bytes long.");
            }

            return key;
        }

        if (!environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                "Jwt:SigningKey is required outside Development: set it (environment: Jwt__SigningKey) to a random secret of at least 32 bytes, e.g. `openssl rand -base64 48`.");
        }

        // Development only: a random key kept beside the local database, so tokens survive restarts.
        var folder = Path.Combine(LocalDatabase.FindRepositoryRoot(environment.ContentRootPath), ".localdb");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "jwt-signing.key");
        if (!File.Exists(file))
        {
            File.WriteAllText(file, Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)));
        }

        return File.ReadAllText(file).Trim();
    }
}
