using System.Text.Json;

namespace Catalog.Application.Users;

/// <summary>The columns the read side selects for a user; shared by the single and list queries.</summary>
internal sealed class UserRow
{
    public const string Columns = """
        id AS Id, email AS Email, first_name AS FirstName, last_name AS LastName, avatar_url AS AvatarUrl,
        email_verified AS EmailVerified, is_active AS IsActive, roles AS Roles, metadata::text AS Metadata,
        last_login_at AS LastLoginAt, created_at AS CreatedAt, updated_at AS UpdatedAt
        """;

    public Guid Id { get; init; }

    public string Email { get; init; } = string.Empty;

    public string? FirstName { get; init; }

    public string? LastName { get; init; }

    public string? AvatarUrl { get; init; }

    public bool EmailVerified { get; init; }

    public bool IsActive { get; init; }

    public string[] Roles { get; init; } = [];

    public string Metadata { get; init; } = "{}";

    public DateTime? LastLoginAt { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; init; }

    public UserResponse ToResponse() => new(
        Id, Email, FirstName, LastName, AvatarUrl, EmailVerified, IsActive, Roles,
        JsonElement.Parse(Metadata),
        LastLoginAt is null ? null : new DateTimeOffset(LastLoginAt.Value, TimeSpan.Zero),
        new DateTimeOffset(CreatedAt, TimeSpan.Zero), new DateTimeOffset(UpdatedAt, TimeSpan.Zero));
}
