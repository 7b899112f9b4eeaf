using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Catalog.Application;
using Catalog.Application.Common.Security;
using Catalog.Infrastructure;
using Catalog.WebApi.Auditing;
using Catalog.WebApi.Caching;
using Catalog.WebApi.Hardening;
using Catalog.WebApi.Idempotency;
using Catalog.WebApi.Infrastructure;
using Catalog.WebApi.RateLimiting;
using Catalog.WebApi.Security;

var builder = WebApplication.CreateBuilder(args);
var localDatabase = await LocalDatabase.StartIfNeededAsync(builder);
if (localDatabase is not null)
{
    builder.Services.AddSingleton(localDatabase);
}

builder.Services.AddApplication(builder.Configuration);
builder.Services.AddInfrastructure(builder.Configuration);
builder.Services.AddCatalogAuthentication(builder.Configuration, builder.Environment);
builder.Services.AddCatalogIdentity(builder.Configuration);
builder.Services.AddScoped<IRequestContext, HttpRequestContext>();
builder.Services.AddCatalogCommandsWeb();
builder.Services.AddCatalogProblemDetails();
builder.Services.AddCatalogVersioning();
builder.Services.AddCatalogOpenApi();
builder.Services.AddCatalogHealthChecks();
builder.Services.AddCatalogHardening(builder.Configuration);
builder.Services.AddCatalogAuditTrail();
builder.Services.AddCatalogCaching(builder.Configuration);
builder.Services
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
        options.JsonSerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.SnakeCaseLower));
        options.JsonSerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.JsonSerializerOptions.MaxDepth = 32;
    });
builder.AddCatalogObservability();

var app = builder.Build();
if (args.Contains("migrate", StringComparer.OrdinalIgnoreCase))
{
    return await app.RunMigrateCommandAsync();
}

app.UseCredentialedNoStore();
app.UseCatalogHardening();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseMiddleware<RequestIdMiddleware>();
app.UseCatalogObservability();
app.UseCanonicalApiVersion();
app.UseCatalogAuditTrail();
app.MapCatalogOpenApi();
app.UseCatalogAuthentication();
app.UseCatalogRateLimiting();
app.UseCredentialCheck();
app.UseAuthorization();
app.UseEndpointAuthorization();
app.UseCatalogJobsDashboard();
app.UseInputTextGuard();
app.UseIdempotency();
app.UseCatalogCaching();
app.MapCatalogHealth();
app.MapControllers();

app.Lifetime.ApplicationStopping.Register(() => app.Services.GetRequiredService<ShutdownState>().Stopping = true);
if (localDatabase is not null)
{
    // Instances handed to DI are not disposed by it: stop the development cluster ourselves.
    app.Lifetime.ApplicationStopped.Register(() => localDatabase.StopAsync().GetAwaiter().GetResult());
}

await app.PrepareDatabaseAsync();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory in the integration tests.</summary>
public partial class Program;
