using Catalog.Application.Common.Observability;
using Catalog.WebApi.RateLimiting;

namespace Catalog.WebApi.Observability;

/// <summary>Counts a 429 by the kind of partition whose budget ran out (never by the partition itself: unbounded).</summary>
internal static class RateLimitTelemetry
{
    public static void Rejected(PartitionKind kind) => CatalogTelemetry.RateLimited(kind switch
    {
        PartitionKind.Address => "address",
        PartitionKind.User => "user",
        PartitionKind.ApiKey => "api_key",
        PartitionKind.Auth => "auth",
        PartitionKind.FailedAuthentication => "failed_authentication",
        _ => "other",
    });
}
