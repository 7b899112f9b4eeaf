using Catalog.Application.Common.Caching;
using Microsoft.AspNetCore.OutputCaching;

namespace Catalog.WebApi.Caching;

/// <summary>The catalog cache is ASP.NET's output cache: eviction drops every entry tagged "catalog".</summary>
internal sealed class OutputCatalogCache(IOutputCacheStore store) : ICatalogCache
{
    public ValueTask EvictAllAsync(CancellationToken cancellationToken) => store.EvictByTagAsync(CatalogReadAttribute.Tag, cancellationToken);
}
