using System.Text.Json;
using Catalog.Domain.Users;

namespace Catalog.Application.Users;

/// <summary>A user as the API shows it; never the hash, stamp or lockout counters.</summary>
public sealed record UserResponse(
    Guid Id,
    string Email,
    string? FirstName,
    string? LastName,
    string? AvatarUrl,
    bool EmailVerified,
    bool IsActive,
    IReadOnlyList<string> Roles,
    JsonElement Metadata,
    DateTimeOffset? LastLoginAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static UserResponse From(User user) => new(
        user.Id, user.Email, user.FirstName, user.LastName, user.AvatarUrl, user.EmailVerified, user.IsActive,
        [.. user.Roles], JsonElement.Parse(user.Metadata), user.LastLoginAt, user.CreatedAt, user.UpdatedAt);
}
