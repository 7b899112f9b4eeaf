using Catalog.Application.Common.Observability;
using Catalog.Infrastructure.Observability;
using Catalog.WebApi.Infrastructure;
using Catalog.WebApi.Observability;
using Microsoft.Extensions.Logging.Console;
using Npgsql;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Catalog.WebApi.Composition;

/// <summary>
/// Traces, metrics and logs (ADR-093). Metrics always (unless <c>OpenTelemetry:Enabled</c> is false), scraped at
/// <c>/metrics</c> by the allowed networks and pushed over OTLP when an endpoint is set; traces recorded only when an
/// OTLP endpoint is set, so that no span is built for nobody. Logs are JSON lines outside Development.
/// </summary>
public static class ObservabilitySetup
{
    /// <summary>The meters exported: the framework's (HTTP server, Kestrel, runtime), Npgsql's and the catalog's.</summary>
    private static readonly string[] Meters = ["System.Runtime", CatalogTelemetry.Name];

    public static WebApplicationBuilder AddCatalogObservability(this WebApplicationBuilder builder)
    {
        AddLogs(builder);
        builder.Services.AddCatalogDatabaseHealth();
        builder.Services.AddHealthChecks().AddCheck<DatabaseCapacityCheck>("database-capacity", tags: [HealthSetup.ReadyTag]);
        var section = builder.Configuration.GetSection(ObservabilityOptions.SectionName);
        builder.Services.AddOptions<ObservabilityOptions>().Bind(section);
        var options = section.Get<ObservabilityOptions>() ?? new ObservabilityOptions();
        if (!options.Enabled)
        {
            return builder;
        }

        var exportOverOtlp = !string.IsNullOrWhiteSpace(options.Endpoint)
            || !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        builder.Services.AddSingleton<MetricsEndpoint>();
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(options.ServiceName))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation()
                    .AddNpgsqlInstrumentation()
                    .AddMeter(Meters)
                    // Every scrape collects afresh: only the allowed networks scrape, and a cached answer would hide
                    // what the previous request did.
                    .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0);
                if (exportOverOtlp)
                {
                    metrics.AddOtlpExporter(otlp => Configure(otlp, options));
                }
            });
        if (exportOverOtlp)
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = context => !IsOperational(context.Request.Path))
                .AddNpgsql()
                .AddSource(CatalogTelemetry.Name)
                .AddOtlpExporter(otlp => Configure(otlp, options)));
        }

        TelemetryOutputCacheStore.Decorate(builder.Services);
        return builder;
    }

    /// <summary>Right after the request id is set: <c>/metrics</c> for the allowed networks, 404 (unknown path) for others.</summary>
    public static WebApplication UseCatalogObservability(this WebApplication app)
    {
        if (app.Services.GetService<MetricsEndpoint>() is { } endpoint)
        {
            app.UseOpenTelemetryPrometheusScrapingEndpoint(
                meterProvider: null, predicate: endpoint.Admits, path: null, configureBranchedPipeline: null, optionsName: null);
        }

        return app;
    }

    private static void AddLogs(WebApplicationBuilder builder)
    {
        // MVC's trace line "Executing action method ... with arguments (...)" prints the bound arguments, a sign-in's or a
        // password reset's command with its password among them: never below Debug, whatever the configured level.
        // The rule keeps the configured level when it is higher: a rule for the category replaces the configuration's
        // (a bare "at least Debug" filter let two Information lines per request through under Microsoft.AspNetCore:
        // Warning — 3 GB of log in a 20-minute benchmark and a third of product detail's throughput).
        const string ActionInvoker = "Microsoft.AspNetCore.Mvc.Infrastructure.ControllerActionInvoker";
        // Read once, at the first log call: the configuration is complete by then (a host's own settings included).
        var configuration = builder.Configuration;
        var floor = new Lazy<LogLevel>(() => ConfiguredLevel(configuration, ActionInvoker) is var level && level < LogLevel.Debug ? LogLevel.Debug : level);
        builder.Logging.AddFilter(ActionInvoker, level => level >= floor.Value);
        builder.Logging.AddFilter<ConsoleLoggerProvider>(ActionInvoker, level => level >= floor.Value);
        builder.Services.AddHttpContextAccessor();
        builder.Logging.AddConsoleFormatter<JsonLogFormatter, ConsoleFormatterOptions>();
        // An operator's explicit Logging:Console:FormatterName (simple, json, systemd) wins.
        if (!builder.Environment.IsDevelopment() && string.IsNullOrEmpty(builder.Configuration["Logging:Console:FormatterName"]))
        {
            builder.Services.Configure<ConsoleLoggerOptions>(console => console.FormatterName = JsonLogFormatter.FormatterName);
        }
    }

    // The level Logging:LogLevel gives a category: its longest configured prefix, else Default, else Information.
    private static LogLevel ConfiguredLevel(IConfiguration configuration, string category)
    {
        for (var prefix = category; prefix.Length > 0; prefix = prefix.Contains('.', StringComparison.Ordinal) ? prefix[..prefix.LastIndexOf('.')] : string.Empty)
        {
            if (Enum.TryParse<LogLevel>(configuration[$"Logging:LogLevel:{prefix}"], ignoreCase: true, out var level))
            {
                return level;
            }
        }

        return Enum.TryParse<LogLevel>(configuration["Logging:LogLevel:Default"], ignoreCase: true, out var fallback) ? fallback : LogLevel.Information;
    }

    private static void Configure(OtlpExporterOptions otlp, ObservabilityOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.Endpoint))
        {
            otlp.Endpoint = new Uri(options.Endpoint);
        }

        if (string.Equals(options.Protocol, "http/protobuf", StringComparison.OrdinalIgnoreCase))
        {
            otlp.Protocol = OtlpExportProtocol.HttpProtobuf;
        }
    }

    private static bool IsOperational(PathString path) =>
        path.StartsWithSegments(MetricsOptions.Path, StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);
}
