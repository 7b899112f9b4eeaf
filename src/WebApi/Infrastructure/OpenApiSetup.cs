using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Catalog.WebApi.Infrastructure;

public static class OpenApiSetup
{
    public static IServiceCollection AddCatalogOpenApi(this IServiceCollection services)
    {
        services.AddOpenApi("v1", options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Catalog API",
                    Version = "v1",
                    Description = "E-commerce catalog: storefront reads, back-office management, accounts and API keys.",
                };
                return Task.CompletedTask;
            });
            options.AddDocumentTransformer<VersionPathTransformer>();
            options.AddDocumentTransformer<SecuritySchemeTransformer>();
            options.AddCatalogContract();
        });
        return services;
    }

    public static WebApplication MapCatalogOpenApi(this WebApplication app)
    {
        if (!app.Configuration.GetValue("OpenApi:Enabled", app.Environment.IsDevelopment()))
        {
            return app;
        }

        app.MapOpenApi("/openapi/{documentName}.json");
        // Only requests under /swagger reach the UI's middleware: it matches every path it sees against regular expressions.
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments("/swagger", StringComparison.OrdinalIgnoreCase),
            branch => branch.UseSwaggerUI(options =>
            {
                options.RoutePrefix = "swagger";
                options.SwaggerEndpoint("/openapi/v1.json", "Catalog API v1");
                options.DocumentTitle = "Catalog API";
            }));
        return app;
    }
}

/// <summary>
/// Mvc.Versioning 5 has no API-explorer package here, so paths arrive as <c>/api/v{version}/...</c> with a
/// <c>version</c> parameter: put the real version into each path and drop the parameter.
/// </summary>
internal sealed class VersionPathTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var paths = new OpenApiPaths();
        foreach (var (path, item) in document.Paths)
        {
            foreach (var operation in item.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
            {
                var version = operation.Parameters?.FirstOrDefault(p => p.Name == "version" && p.In == ParameterLocation.Path);
                if (version is not null)
                {
                    operation.Parameters!.Remove(version);
                }
            }

            if (item is OpenApiPathItem pathItem)
            {
                var shared = pathItem.Parameters?.FirstOrDefault(p => p.Name == "version");
                if (shared is not null)
                {
                    pathItem.Parameters!.Remove(shared);
                }
            }

            paths[path.Replace("v{version}", "v1", StringComparison.Ordinal)] = item;
        }

        document.Paths = paths;
        return Task.CompletedTask;
    }
}

/// <summary>Declares the two ways to authenticate so Swagger UI can send them.</summary>
internal sealed class SecuritySchemeTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "Access token from POST /api/v1/auth/login.",
        };
        document.Components.SecuritySchemes["ApiKey"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = "X-Api-Key",
            Description = "Partner API key from POST /api/v1/api-keys.",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] });
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("ApiKey", document)] = [] });
        return Task.CompletedTask;
    }
}
