using Catalog.Domain.Common;

namespace Catalog.Domain.ApiKeys;

/// <summary>
/// A partner service's credential. Only the public prefix and a SHA-256 hash of the whole key are kept;
/// the key itself is shown once, at creation and at rotation.
/// </summary>
public sealed class ApiKey : AggregateRoot
{
    public const int NameMaxLength = 255;
    public const int DefaultRateLimit = 1000;
    public const int MaxRateLimit = 1_000_000;

    private List<string> _permissions = [];

    private ApiKey()
    {
    }

    public string Name { get; private set; } = string.Empty;

    public string Prefix { get; private set; } = string.Empty;

    public string KeyHash { get; private set; } = string.Empty;

    /// <summary>The user the key acts for (its creator).</summary>
    public Guid? UserId { get; private set; }

    public Guid? CreatedBy { get; private set; }

    public IReadOnlyList<string> Permissions => _permissions;

    public int RateLimit { get; private set; } = DefaultRateLimit;

    public DateTimeOffset? ExpiresAt { get; private set; }

    public DateTimeOffset? LastUsedAt { get; private set; }

    public bool IsActive { get; private set; } = true;

    public DateTimeOffset? RevokedAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset? DeletedAt { get; private set; }

    public static Result<ApiKey> Create(
        string name, string prefix, string keyHash, Guid creatorId, IEnumerable<string> permissions, int? rateLimit, DateTimeOffset? expiresAt, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > NameMaxLength)
        {
            return Error.Validation("name", $"Must be 1 to {NameMaxLength} characters.");
        }

        if (rateLimit is < 1 or > MaxRateLimit)
        {
            return Error.Validation("rateLimit", $"Must be between 1 and {MaxRateLimit} requests per minute.");
        }

        if (expiresAt is { } expiry && expiry <= now)
        {
            return Error.Validation("expiresAt", "Must be in the future.");
        }

        var key = new ApiKey
        {
            Id = Ids.New(now),
            Name = name.Trim(),
            Prefix = prefix,
            KeyHash = keyHash,
            UserId = creatorId,
            CreatedBy = creatorId,
            _permissions = permissions.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
            RateLimit = rateLimit ?? DefaultRateLimit,
            ExpiresAt = expiresAt,
            CreatedAt = now,
            UpdatedAt = now,
        };
        key.Raise(new ApiKeyCreated(key.Id));
        return key;
    }

    public bool IsUsable(DateTimeOffset now) => IsActive && RevokedAt is null && DeletedAt is null && (ExpiresAt is null || ExpiresAt > now);

    /// <summary>Replaces the secret; the old key stops working at once.</summary>
    public Result Rotate(string prefix, string keyHash, DateTimeOffset now)
    {
        if (RevokedAt is not null || DeletedAt is not null)
        {
            return Error.Conflict("api_key.revoked", "A revoked API key cannot be rotated.");
        }

        Prefix = prefix;
        KeyHash = keyHash;
        UpdatedAt = now;
        Raise(new ApiKeyRotated(Id));
        return Result.Success();
    }

    /// <summary>Revokes and soft-deletes the key.</summary>
    public void Revoke(DateTimeOffset now)
    {
        if (DeletedAt is not null)
        {
            return;
        }

        IsActive = false;
        RevokedAt = now;
        DeletedAt = now;
        UpdatedAt = now;
        Raise(new ApiKeyRevoked(Id));
    }
}

public sealed record ApiKeyCreated(Guid ApiKeyId) : IDomainEvent;

public sealed record ApiKeyRotated(Guid ApiKeyId) : IDomainEvent;

public sealed record ApiKeyRevoked(Guid ApiKeyId) : IDomainEvent;
