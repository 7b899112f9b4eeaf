using Catalog.Domain.Common;

namespace Catalog.Domain.Users;

/// <summary>An account: a storefront customer or a back-office member of staff.</summary>
public sealed class User : AggregateRoot
{
    public const int EmailMaxLength = 255;
    public const int NameMaxLength = 100;
    public const int AvatarUrlMaxLength = 500;
    public const string DefaultRole = "user";

    private List<string> _roles = [DefaultRole];

    private User()
    {
    }

    public string Email { get; private set; } = string.Empty;

    public string PasswordHash { get; private set; } = string.Empty;

    public string? FirstName { get; private set; }

    public string? LastName { get; private set; }

    public string? AvatarUrl { get; private set; }

    public bool EmailVerified { get; private set; }

    public DateTimeOffset? EmailVerifiedAt { get; private set; }

    public bool IsActive { get; private set; } = true;

    public IReadOnlyList<string> Roles => _roles;

    public string Metadata { get; private set; } = "{}";

    public DateTimeOffset? LastLoginAt { get; private set; }

    public int LoginCount { get; private set; }

    /// <summary>Changes whenever outstanding access tokens must stop working (password change, logout-all, deactivation).</summary>
    public Guid SecurityStamp { get; private set; }

    public int FailedLoginCount { get; private set; }

    public DateTimeOffset? LockoutUntil { get; private set; }

    public DateTimeOffset? PasswordChangedAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset? DeletedAt { get; private set; }

    public static User Create(string email, string passwordHash, string? firstName, string? lastName, DateTimeOffset now, IEnumerable<string>? roles = null)
    {
        var user = new User
        {
            Id = Ids.New(now),
            Email = NormalizeEmail(email),
            PasswordHash = passwordHash,
            FirstName = firstName,
            LastName = lastName,
            SecurityStamp = Guid.NewGuid(),
            CreatedAt = now,
            UpdatedAt = now,
            PasswordChangedAt = now,
        };
        if (roles is not null)
        {
            user._roles = roles.Distinct(StringComparer.Ordinal).ToList();
        }

        user.Raise(new UserRegistered(user.Id, user.Email));
        return user;
    }

    /// <summary>Emails compare case-insensitively; the stored form is trimmed and lower-cased.</summary>
    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    public void SetRoles(IEnumerable<string> roles)
    {
        _roles = roles.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        RotateSecurityStamp();
    }

    public void ChangePasswordHash(string passwordHash, DateTimeOffset now)
    {
        PasswordHash = passwordHash;
        PasswordChangedAt = now;
        RotateSecurityStamp();
    }

    /// <summary>Upgrades a hash made with weaker settings; outstanding tokens stay valid.</summary>
    public void RehashPassword(string passwordHash) => PasswordHash = passwordHash;

    public void UpdateProfile(string? firstName, string? lastName, string? avatarUrl, string? metadata)
    {
        FirstName = firstName;
        LastName = lastName;
        AvatarUrl = avatarUrl;
        if (metadata is not null)
        {
            Metadata = metadata;
        }
    }

    public void VerifyEmail(DateTimeOffset now)
    {
        EmailVerified = true;
        EmailVerifiedAt = now;
    }

    public void RecordSuccessfulLogin(DateTimeOffset now)
    {
        LastLoginAt = now;
        LoginCount++;
        FailedLoginCount = 0;
        LockoutUntil = null;
    }

    /// <summary>Counts a failed sign-in; from <paramref name="threshold"/> failures on, locks the account for a growing time.</summary>
    public void RecordFailedLogin(DateTimeOffset now, int threshold, TimeSpan baseLockout)
    {
        FailedLoginCount++;
        if (FailedLoginCount >= threshold)
        {
            var factor = Math.Min(1 << Math.Min(FailedLoginCount - threshold, 6), 64);
            LockoutUntil = now + (baseLockout * factor);
        }
    }

    public bool IsLockedOut(DateTimeOffset now) => LockoutUntil is { } until && until > now;

    public void Deactivate()
    {
        IsActive = false;
        RotateSecurityStamp();
    }

    public void Activate() => IsActive = true;

    public void Delete(DateTimeOffset now)
    {
        if (DeletedAt is not null)
        {
            return;
        }

        DeletedAt = now;
        IsActive = false;
        RotateSecurityStamp();
        Raise(new UserDeleted(Id));
    }

    public void RotateSecurityStamp() => SecurityStamp = Guid.NewGuid();
}

public sealed record UserRegistered(Guid UserId, string Email) : IDomainEvent;

public sealed record UserDeleted(Guid UserId) : IDomainEvent;
