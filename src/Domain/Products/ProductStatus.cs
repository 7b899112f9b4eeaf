namespace Catalog.Domain.Products;

/// <summary>The publishing workflow: draft → in_review → published or rejected; unpublish returns to draft; archived ends it.</summary>
public enum ProductStatus
{
    Draft,
    InReview,
    Published,
    Rejected,
    Archived,
}
