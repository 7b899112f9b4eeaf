namespace Catalog.Domain.Products;

/// <summary>The publishing workflow: draft → in_review → published or rejected; unpublish returns to draft; archived takes it off for good, until unarchive returns it to draft.</summary>
public enum ProductStatus
{
    Draft,
    InReview,
    Published,
    Rejected,
    Archived,
}
