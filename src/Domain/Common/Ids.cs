namespace Catalog.Domain.Common;

/// <summary>Time-ordered UUIDs (version 7) keep B-tree inserts at the right edge of the index.</summary>
public static class Ids
{
    public static Guid New(DateTimeOffset timestamp) => Guid.CreateVersion7(timestamp);
}
