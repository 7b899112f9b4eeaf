using System.Net;
using Catalog.IntegrationTests.Hardening;
using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.Observability;

/// <summary>/metrics with Metrics:AllowedNetworks set (loopback is then no longer in), and the 429 counter by partition kind.</summary>
public sealed class MetricsSettingsTests : IClassFixture<ObservabilityApiFactory>
{
    private const string Scraper = "10.20.30.40";
    private readonly ObservabilityApiFactory _factory;

    public MetricsSettingsTests(ObservabilityApiFactory factory) => _factory = (ObservabilityApiFactory)factory
        .WithSetting("Metrics:AllowedNetworks", "10.0.0.0/8")
        .WithSetting("RateLimiting:AnonymousPermitsPerMinute", "2");

    [Fact]
    public async Task Metrics_WithConfiguredNetworks_AnswerThem_AndNoLongerLoopback()
    {
        Assert.Equal(HttpStatusCode.OK, (await SendAsync("/metrics", Scraper)).StatusCode);
        await (await SendAsync("/metrics", "127.0.0.1")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task RateLimitedRequests_AreCountedByPartitionKind()
    {
        var before = await (await SendAsync("/metrics", Scraper)).Content.ReadAsStringAsync();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4 && last?.StatusCode != HttpStatusCode.TooManyRequests; i++)
        {
            last = await SendAsync("/api/v1/brands/none", "203.0.113.77");
        }

        await last!.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        var after = await (await SendAsync("/metrics", Scraper)).Content.ReadAsStringAsync();
        Assert.True(MetricsTests.Sum(after, "catalog_rate_limit_rejections_total", "catalog_rate_limit_partition_kind=\"address\"")
            - MetricsTests.Sum(before, "catalog_rate_limit_rejections_total", "catalog_rate_limit_partition_kind=\"address\"") >= 1);
    }

    private async Task<HttpResponseMessage> SendAsync(string path, string peer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(PeerAddressApiFactory.PeerHeader, peer);
        return await _factory.CreateClient().SendAsync(request);
    }
}
