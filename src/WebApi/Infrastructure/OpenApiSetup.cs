using Asp.Versioning.ApiExplorer;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Catalog.WebApi.Infrastructure;

public static class OpenApiSetup
{
    /// <summary>
    /// One OpenAPI document per served version, named like its API-explorer group (<c>v1</c>): Microsoft.AspNetCore.OpenApi
    /// puts into a document the operations of the group of that name, and the versioned API explorer has already put
    /// the version into each path (<c>/api/v1/...</c>, no <c>version</c> parameter). Documents are registered here,
    /// before the explorer can be asked, so from <see cref="VersioningSetup.Served"/>; a test checks both agree.
    /// </summary>
    public static IServiceCollection AddCatalogOpenApi(this IServiceCollection services)
    {
        foreach (var version in VersioningSetup.Served)
        {
            var documentName = VersioningSetup.DocumentName(version);
            services.AddOpenApi(documentName, options =>
            {
                options.AddDocumentTransformer((document, _, _) =>
                {
                    document.Info = new OpenApiInfo
                    {
                        Title = "Catalog API",
                        Version = documentName,
                        Description = "E-commerce catalog: storefront reads, back-office management, accounts and API keys.",
                    };
                    return Task.CompletedTask;
                });
                options.AddDocumentTransformer<SecuritySchemeTransformer>();
                options.AddCatalogContract();
            });
        }

        return services;
    }

    public static WebApplication MapCatalogOpenApi(this WebApplication app)
    {
        if (!app.Configuration.GetValue("OpenApi:Enabled", app.Environment.IsDevelopment()))
        {
            return app;
        }

        app.MapOpenApi("/openapi/{documentName}.json");
        // One Swagger UI entry per group the versioned API explorer describes (each is a document above).
        var groups = app.Services.GetRequiredService<IApiVersionDescriptionProvider>().ApiVersionDescriptions;
        // Only requests under /swagger reach the UI's middleware: it matches every path it sees against regular expressions.
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments("/swagger", StringComparison.OrdinalIgnoreCase),
            branch => branch.UseSwaggerUI(options =>
            {
                options.RoutePrefix = "swagger";
                foreach (var group in groups)
                {
                    options.SwaggerEndpoint($"/openapi/{group.GroupName}.json", $"Catalog API {group.GroupName}");
                }

                options.DocumentTitle = "Catalog API";
            }));
        return app;
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
