namespace Catalog.WebApi.Observability;

/// <summary>The <c>OpenTelemetry</c> section (ADR-093).</summary>
public sealed class ObservabilityOptions
{
    public const string SectionName = "OpenTelemetry";

    /// <summary>
    /// False turns every part off: no meter provider (<c>/metrics</c> answers 404), no tracer provider, no output-cache
    /// decorator. The catalog's spans and counters then have no listener and cost a check each.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The OTLP collector (e.g. <c>http://otel-collector:4317</c>). Traces are recorded, and traces and metrics exported,
    /// only when this or the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
    /// </summary>
    public string? Endpoint { get; set; }

    /// <summary><c>grpc</c> (default) or <c>http/protobuf</c>, as the standard <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>.</summary>
    public string? Protocol { get; set; }

    /// <summary>The service name on every span and metric (the resource's <c>service.name</c>).</summary>
    public string ServiceName { get; set; } = "catalog";
}

/// <summary>The <c>Metrics</c> section: who may scrape <c>/metrics</c>.</summary>
public sealed class MetricsOptions
{
    public const string SectionName = "Metrics";
    public const string AllowedNetworksKey = "Metrics:AllowedNetworks";
    public const string Path = "/metrics";
}
