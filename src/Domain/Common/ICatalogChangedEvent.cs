namespace Catalog.Domain.Common;

/// <summary>
/// A change to something storefront readers may have cached (a product, category, brand or review);
/// the read side's cache drops entries for <see cref="ResourceType"/>/<see cref="ResourceId"/> when it is committed.
/// </summary>
public interface ICatalogChangedEvent : IDomainEvent
{
    string ResourceType { get; }

    Guid ResourceId { get; }
}
