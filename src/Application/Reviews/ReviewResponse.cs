using System.Text.Json;

namespace Catalog.Application.Reviews;

public sealed record ReviewResponse(
    Guid Id,
    Guid ProductId,
    Guid UserId,
    int Rating,
    string? Title,
    string? Comment,
    IReadOnlyList<string> Pros,
    IReadOnlyList<string> Cons,
    JsonElement Images,
    bool IsVerifiedPurchase,
    int HelpfulCount,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

public sealed record HelpfulResponse(int HelpfulCount);
