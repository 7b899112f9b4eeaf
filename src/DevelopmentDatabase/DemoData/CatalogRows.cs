namespace Catalog.DevelopmentDatabase.DemoData;

internal sealed record UserRow(
    Guid Id, string Email, string PasswordHash, string FirstName, string LastName, string[] Roles, DateTime CreatedAt);

internal sealed record CategoryRow(
    Guid Id, string Name, string Slug, string Description, Guid? ParentId, int Depth, int SortOrder, DateTime CreatedAt);

internal sealed record BrandRow(
    Guid Id, string Name, string Slug, string Description, string LogoUrl, string WebsiteUrl, DateTime CreatedAt);

internal sealed record ProductRow(
    Guid Id,
    string Name,
    string Slug,
    string Description,
    string ShortDescription,
    decimal Price,
    decimal? CompareAtPrice,
    decimal Cost,
    Guid CategoryId,
    Guid BrandId,
    string Sku,
    string Barcode,
    int StockQuantity,
    decimal Weight,
    string DimensionsJson,
    string ImagesJson,
    string[] Tags,
    string MetadataJson,
    bool IsActive,
    bool IsFeatured,
    string Status,
    DateTime? SubmittedAt,
    decimal AverageRating,
    int ReviewCount,
    int[] RatingCounts,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateTime? PublishedAt);

internal sealed record ReviewRow(
    Guid Id,
    Guid ProductId,
    Guid UserId,
    int Rating,
    string Title,
    string Comment,
    string[] Pros,
    string[] Cons,
    bool IsVerifiedPurchase,
    DateTime CreatedAt);

internal sealed record AuditRow(
    Guid Id,
    Guid? UserId,
    string Action,
    string ResourceType,
    Guid? ResourceId,
    string? ChangesJson,
    string MetadataJson,
    System.Net.IPAddress IpAddress,
    string UserAgent,
    string RequestId,
    int DurationMs,
    int StatusCode,
    DateTime CreatedAt);
