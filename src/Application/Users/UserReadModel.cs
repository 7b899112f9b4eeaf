using System.Text.Json;

namespace Catalog.Application.Users;

/// <summary>The columns the read side selects for a user; shared by the single and list queries.</summary>
internal sealed record UserRow(
    Guid Id, string Email, string? FirstName, string? LastName, string? AvatarUrl, bool EmailVerified, bool IsActive,
    string[] Roles, string Metadata, DateTime? LastLoginAt, DateTime CreatedAt, DateTime UpdatedAt)
{
    public const string Columns = """
        id AS Id, email AS Email, first_name AS FirstName, last_name AS LastName, avatar_url AS AvatarUrl,
        email_verified AS EmailVerified, is_active AS IsActive, roles AS Roles, metadata::text AS Metadata,
        last_login_at AS LastLoginAt, created_at AS CreatedAt, updated_at AS UpdatedAt
        """;

    public UserResponse ToResponse() => new(
        Id, Email, FirstName, LastName, AvatarUrl, EmailVerified, IsActive, Roles,
        JsonDocument.Parse(Metadata).RootElement.Clone(),
        LastLoginAt is null ? null : new DateTimeOffset(LastLoginAt.Value, TimeSpan.Zero),
        new DateTimeOffset(CreatedAt, TimeSpan.Zero), new DateTimeOffset(UpdatedAt, TimeSpan.Zero));
}
