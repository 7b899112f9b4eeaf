using Asp.Versioning.Routing;
using Microsoft.AspNetCore.Routing.Matching;

namespace Catalog.WebApi.Infrastructure;

/// <summary>
/// Asp.Versioning's routing policy with its answer remembered (ADR-114). The library's jump table finds the version in
/// the path on every request by building a <c>RouteTemplate</c> and a <c>TemplateMatcher</c> for each route pattern of
/// the routing node and matching the path against them: about 5 % of the API's CPU for a product detail at 1m. Here every
/// versioned path that reaches routing carries a canonical version segment (<see cref="CanonicalApiVersionMiddleware"/>
/// refuses the others before routing), the reader is the URL segment only, and every versioned route starts with
/// <c>api/v{version:apiVersion}/</c> (ApiVersionJumpTableCacheTests checks it), so for one jump table the library's
/// destination depends only on that segment. The first answer per segment is kept when the library's call changed no
/// request feature (its refusals record a policy feature, and are never kept); later requests with the same segment get it
/// without the library's work. Everything else (building edges, selecting among candidates) is the library's own.
/// </summary>
internal sealed class ApiVersionJumpTableCache(ApiVersionMatcherPolicy library) : MatcherPolicy, INodeBuilderPolicy, IEndpointSelectorPolicy
{
    public override int Order => library.Order;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) => library.AppliesToEndpoints(endpoints);

    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates) => library.ApplyAsync(httpContext, candidates);

    public IReadOnlyList<PolicyNodeEdge> GetEdges(IReadOnlyList<Endpoint> endpoints) => library.GetEdges(endpoints);

    public PolicyJumpTable BuildJumpTable(int exitDestination, IReadOnlyList<PolicyJumpTableEdge> edges) =>
        new RememberingJumpTable(library.BuildJumpTable(exitDestination, edges));

    /// <summary>Replaces the library's registration of its policy with this one around it.</summary>
    internal static void Register(IServiceCollection services)
    {
        var registration = services.Single(d => d.ServiceType == typeof(MatcherPolicy) && d.ImplementationType == typeof(ApiVersionMatcherPolicy));
        services.Remove(registration);
        services.AddSingleton<ApiVersionMatcherPolicy>();
        services.AddSingleton<MatcherPolicy>(provider => new ApiVersionJumpTableCache(provider.GetRequiredService<ApiVersionMatcherPolicy>()));
    }

    private sealed class RememberingJumpTable(PolicyJumpTable library) : PolicyJumpTable
    {
        // One answer per canonical version segment (VersioningSetup.CanonicalSegments), null until answered.
        private readonly Answer?[] answers = new Answer?[VersioningSetup.CanonicalSegments.Count];

        public override int GetDestination(HttpContext httpContext)
        {
            // Read first, as the library does: it creates the versioning feature, a feature change of its own.
            var feature = httpContext.ApiVersioningFeature;
            var segment = VersioningSetup.CanonicalSegmentIndex(httpContext.Request.Path.Value);
            if (segment < 0 || feature.RawRequestedApiVersions.Count != 0)
            {
                return library.GetDestination(httpContext);
            }

            if (Volatile.Read(ref answers[segment]) is { } known)
            {
                // The library records the version it read from the path on the feature; so does its remembered answer.
                feature.RawRequestedApiVersion = known.RawVersion;
                return known.Destination;
            }

            var revision = httpContext.Features.Revision;
            var destination = library.GetDestination(httpContext);
            if (httpContext.Features.Revision == revision)
            {
                Volatile.Write(ref answers[segment], new Answer(destination, feature.RawRequestedApiVersion));
            }

            return destination;
        }

        private sealed record Answer(int Destination, string? RawVersion);
    }
}
