using System.Net;
using Catalog.IntegrationTests.Hardening;
using Catalog.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Catalog.IntegrationTests.Observability;

/// <summary>OpenTelemetry:Enabled=false registers nothing: no meter or tracer provider, /metrics is an unknown path.</summary>
public sealed class TelemetryOffTests : IClassFixture<ObservabilityApiFactory>
{
    private readonly ObservabilityApiFactory _factory;

    public TelemetryOffTests(ObservabilityApiFactory factory) => _factory = (ObservabilityApiFactory)factory.WithSetting("OpenTelemetry:Enabled", "false");

    [Fact]
    public async Task TelemetryOff_RegistersNoProvider_AndMetricsIs404_WhileTheApiServes()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Add(PeerAddressApiFactory.PeerHeader, "127.0.0.1");
        await (await _factory.CreateClient().SendAsync(request)).AssertProblemAsync(HttpStatusCode.NotFound);

        Assert.Null(_factory.Services.GetService<MeterProvider>());
        Assert.Null(_factory.Services.GetService<TracerProvider>());
        (await _factory.CreateClient().GetAsync("/api/v1/brands")).EnsureSuccessStatusCode();
    }
}

/// <summary>Traces are recorded only with an OTLP endpoint: without one there is no tracer provider; with one there is.</summary>
public sealed class TraceExportSwitchTests(ObservabilityApiFactory factory) : IClassFixture<ObservabilityApiFactory>
{
    [Fact]
    public async Task WithoutAnEndpoint_NoTracerProvider_ButMetrics()
    {
        await (await factory.CreateClient().GetAsync("/api/v1/brands")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Null(factory.Services.GetService<TracerProvider>());
        Assert.NotNull(factory.Services.GetService<MeterProvider>());
    }

    [Fact]
    public async Task WithAnEndpoint_TracesAreRecordedForExport()
    {
        var exporting = new ObservabilityApiFactory().WithSetting("OpenTelemetry:Endpoint", "http://127.0.0.1:9");
        await exporting.InitializeAsync();
        await using var _ = exporting;
        await (await exporting.CreateClient().GetAsync("/api/v1/brands")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.NotNull(exporting.Services.GetService<TracerProvider>());
    }
}
