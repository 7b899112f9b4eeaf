using Catalog.Domain.Common;

namespace Catalog.Domain.Products;

/// <summary>A product was created, changed, moved through the workflow, deleted or restored.</summary>
public sealed record ProductChanged(Guid ProductId, string Slug, string Change) : ICatalogChangedEvent
{
    public string ResourceType => "product";

    public Guid ResourceId => ProductId;
}
