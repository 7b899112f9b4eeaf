using System.Text.Json;
using System.Text.Json.Serialization;
using Catalog.WebApi.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Catalog.WebApi.Composition;

/// <summary>The HTTP surface: problem details, API versions, the OpenAPI documents, controllers and their JSON.</summary>
public static class WebApiSetup
{
    public static IServiceCollection AddCatalogWebApi(this IServiceCollection services)
    {
        services.AddCatalogProblemDetails();
        services.AddCatalogVersioning();
        services.AddCatalogOpenApi();
        services
            .AddControllers(options =>
            {
                // A JSON API: nothing binds from a form. MVC otherwise builds the form value providers for every action it
                // binds, a GET with a route value included.
                options.ValueProviderFactories.RemoveType<FormValueProviderFactory>();
                options.ValueProviderFactories.RemoveType<FormFileValueProviderFactory>();
                options.ValueProviderFactories.RemoveType<JQueryFormValueProviderFactory>();
            })
            .AddJsonOptions(options =>
            {
                options.JsonSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
                options.JsonSerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
                options.JsonSerializerOptions.MaxDepth = 32;
            });
        services.AddSingleton<ResponseJson>();
        services.AddSingleton<CategoryTreeJson>();
        return services;
    }

    /// <summary>The request id (and api-supported-versions) on every answer, then the version segment made canonical.</summary>
    public static IApplicationBuilder UseCatalogRequestConventions(this IApplicationBuilder app) => app
        .UseMiddleware<RequestIdMiddleware>()
        .UseCanonicalApiVersion();

    /// <summary>The health probes and the controllers.</summary>
    public static WebApplication MapCatalogEndpoints(this WebApplication app)
    {
        app.MapCatalogHealth();
        app.MapControllers();
        return app;
    }
}
