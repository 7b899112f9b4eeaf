using Catalog.Application;
using Catalog.BackOffice;
using Catalog.Infrastructure;
using Catalog.WebApi.Composition;
using Catalog.WebApi.Hardening;
using Catalog.WebApi.Infrastructure;
using Catalog.WebApi.Security;

var builder = WebApplication.CreateBuilder(args);
await builder.AddDevelopmentDatabaseAsync();
builder.Services.AddApplication(builder.Configuration);
builder.Services.AddInfrastructure(builder.Configuration);
builder.Services.AddCatalogSecurity(builder.Configuration, builder.Environment);
builder.Services.AddCatalogWebApi();
builder.Services.AddCatalogHealthChecks();
builder.Services.AddCatalogHardening(builder.Configuration);
builder.Services.AddCatalogAuditTrail();
builder.Services.AddCatalogCaching(builder.Configuration);
builder.Services.AddCatalogScaleOut(builder.Configuration); // after caching: it moves the output-cache store to Redis
builder.Services.AddCatalogBackOffice();
builder.AddCatalogObservability(); // last: it decorates the output-cache store the lines above register

var app = builder.Build();
app.UseCatalogHardening();
app.UseCatalogProblemDetails();
app.UseCatalogRequestConventions();
app.UseCatalogObservability();
app.UseCatalogAuditTrail();
app.MapCatalogOpenApi();
app.UseCatalogBackOffice();
app.UseCatalogSecurity();
app.UseCatalogJobsDashboard();
app.UseInputTextGuard();
app.UseIdempotency();
app.UseReadYourWrites();
app.UseCatalogCaching();
app.MapCatalogEndpoints();
app.MapCatalogConsole();
return await app.RunCatalogAsync(args);
