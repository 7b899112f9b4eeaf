using Catalog.Domain.Reviews;

namespace Catalog.Application.Reviews.Commands;

public static class ReviewSnapshot
{
    public static IReadOnlyDictionary<string, object?> Of(Review r) => new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        ["rating"] = r.Rating,
        ["title"] = r.Title,
        ["comment"] = r.Comment,
        ["pros"] = r.Pros.ToArray(),
        ["cons"] = r.Cons.ToArray(),
        ["images"] = r.Images,
        ["deletedAt"] = r.DeletedAt,
    };
}
