using Asp.Versioning;
using Asp.Versioning.Routing;
using Catalog.IntegrationTests.Infrastructure;
using Catalog.WebApi.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.IntegrationTests.Foundation;

/// <summary>
/// Asp.Versioning's routing policy runs with its answer remembered per version segment (ADR-114): the remembered
/// destinations must be the library's own, for every kind of path, the first time and every time after, and the
/// premise — every versioned route starts with <c>api/v{version:apiVersion}/</c> — must hold.
/// </summary>
public sealed class ApiVersionJumpTableCacheTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private const int Exit = 9_999;

    private static readonly string[] Paths =
    [
        "/api/v1/products/some-slug", "/api/v1/products/search", "/api/v2/products/some-slug", "/api/v1.0/products/some-slug",
        "/api/V1/products/some-slug", "/api/vx/products/some-slug", "/api/x1/products/some-slug", "/api/v1/products/some-slug",
    ];

    [Fact]
    public void EveryVersionedRoute_StartsWithTheVersionSegment()
    {
        var versioned = VersionedEndpoints();
        Assert.True(versioned.Count > 50, $"only {versioned.Count} versioned endpoints found");
        Assert.All(versioned, e => Assert.StartsWith($"api/v{{{VersioningSetup.RouteParameter}:apiVersion}}/", e.RoutePattern.RawText, StringComparison.Ordinal));
    }

    [Fact]
    public void TheLibrarysPolicy_IsRegisteredOnlyInsideTheCache()
    {
        var policies = factory.Services.GetServices<MatcherPolicy>().ToList();
        Assert.Single(policies.OfType<ApiVersionJumpTableCache>());
        Assert.Empty(policies.OfType<ApiVersionMatcherPolicy>());
    }

    [Theory]
    [InlineData("products")]
    [InlineData("categories")]
    [InlineData("reviews")]
    public void RememberedDestinations_AreTheLibrarysOwn_FirstAndEveryTimeAfter(string area)
    {
        var endpoints = VersionedEndpoints().Where(e => e.RoutePattern.RawText!.StartsWith($"api/v{{version:apiVersion}}/{area}/", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(endpoints);
        var library = factory.Services.GetRequiredService<ApiVersionMatcherPolicy>();
        var edges = library.GetEdges(endpoints).Select((edge, i) => new PolicyJumpTableEdge(edge.State, i)).ToList();
        var expected = library.BuildJumpTable(Exit, edges);
        var remembering = new ApiVersionJumpTableCache(library).BuildJumpTable(Exit, edges);

        // Twice over: the first pass fills the cache, the second is answered from it.
        foreach (var path in Paths.Concat(Paths).Select(p => p.Replace("/products/", $"/{area}/", StringComparison.Ordinal)))
        {
            var (libraryContext, cachedContext) = (Request(path), Request(path));
            var libraryDestination = expected.GetDestination(libraryContext);
            var cachedDestination = remembering.GetDestination(cachedContext);
            Assert.True(libraryDestination == cachedDestination, $"{path}: the library routes to {libraryDestination}, the cache to {cachedDestination}");
            Assert.Equal(FeatureTypes(libraryContext), FeatureTypes(cachedContext));
            Assert.Equal(libraryContext.ApiVersioningFeature.RawRequestedApiVersion, cachedContext.ApiVersioningFeature.RawRequestedApiVersion);
            Assert.Equal(libraryContext.ApiVersioningFeature.RawRequestedApiVersions, cachedContext.ApiVersioningFeature.RawRequestedApiVersions);
            Assert.Equal(libraryContext.ApiVersioningFeature.RequestedApiVersion, cachedContext.ApiVersioningFeature.RequestedApiVersion);
        }
    }

    private List<RouteEndpoint> VersionedEndpoints() =>
        [.. factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().Where(e => e.Metadata.GetMetadata<ApiVersionMetadata>() is not null)];

    /// <summary>The request features present, by type: the library's refusals add its policy feature.</summary>
    private static string FeatureTypes(HttpContext context) => string.Join(", ", context.Features.Select(f => f.Key.Name).Order(StringComparer.Ordinal));

    private DefaultHttpContext Request(string path) => new() { RequestServices = factory.Services, Request = { Method = "GET", Path = path } };
}
