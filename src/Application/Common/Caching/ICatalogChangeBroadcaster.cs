namespace Catalog.Application.Common.Caching;

/// <summary>Tells every instance (this one included) that catalog data changed, so each evicts its cache.</summary>
public interface ICatalogChangeBroadcaster
{
    Task BroadcastAsync(IReadOnlyCollection<CatalogChange> changes, CancellationToken cancellationToken);
}

/// <summary>What changed: a resource type (product, category, brand, review) and its id.</summary>
public sealed record CatalogChange(string ResourceType, Guid ResourceId);
