using System.Security.Cryptography;
using System.Text;
using Catalog.Application.Common.Identity;
using Dapper;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Catalog.Infrastructure.Identity.ApiKeys;

/// <summary>
/// Verifies a presented API key: format and checksum first (no I/O), then the row by its public prefix (cached a
/// few seconds; a prefix without a live row is remembered in <see cref="ApiKeyNegativeCache"/>), the SHA-256 compared
/// in constant time, then expiry and revocation. A key's permissions are cut to what its creator's roles grant today,
/// so demoting the creator demotes the key.
/// </summary>
public sealed class ApiKeyVerifier(
    NpgsqlDataSource dataSource,
    IMemoryCache cache,
    ApiKeyNegativeCache unknownPrefixes,
    IPermissionCatalog permissionCatalog,
    ApiKeyUsageTracker usage,
    IOptions<ApiKeyOptions> options,
    TimeProvider time) : IApiKeyVerifier
{
    private const string Sql = """
        SELECT k.id AS Id, k.key_hash AS KeyHash, k.created_by AS UserId, k.permissions AS Permissions, k.rate_limit AS RateLimit,
               k.expires_at AS ExpiresAt, u.roles AS CreatorRoles, u.is_active AS CreatorActive
        FROM api_keys k
        JOIN users u ON u.id = k.created_by
        WHERE k.prefix = @Prefix AND k.is_active AND k.revoked_at IS NULL AND k.deleted_at IS NULL AND u.deleted_at IS NULL
        """;

    private long _databaseLookups;

    /// <summary>Look-ups of a key row in the database by this instance so far (a diagnostic; the tests count forged-key costs with it).</summary>
    public long DatabaseLookups => Interlocked.Read(ref _databaseLookups);

    /// <summary>Verifies without a look-up budget (the benchmarks; the API passes one).</summary>
    public ValueTask<ApiKeyIdentity?> VerifyAsync(string presented, CancellationToken cancellationToken) => VerifyAsync(presented, null, cancellationToken);

    /// <summary>
    /// <paramref name="reserveLookup"/>, when given, is asked for a permit right before a key row would be read from the
    /// database (a prefix neither cached as live nor remembered as absent) and nowhere else; when it refuses, the key is
    /// refused without the look-up. The caller tells that refusal apart by its own delegate having said no.
    /// </summary>
    public async ValueTask<ApiKeyIdentity?> VerifyAsync(string presented, Func<bool>? reserveLookup, CancellationToken cancellationToken)
    {
        if (!ApiKeyFormat.TryParse(presented, out var prefix) || unknownPrefixes.Contains(prefix))
        {
            return null;
        }

        var row = await LoadAsync(prefix, reserveLookup, cancellationToken);
        if (ReferenceEquals(row, LookupRefused))
        {
            return null;
        }

        if (row is null)
        {
            // No live row: made up, rotated away, revoked or deleted, none of which comes back.
            unknownPrefixes.Add(prefix);
            return null;
        }

        if (!row.CreatorActive)
        {
            // Reversible (the creator may be reactivated): neither remembered as absent nor cached as live.
            return null;
        }

        Span<byte> presentedHash = stackalloc byte[32];
        SHA256.HashData(Encoding.ASCII.GetBytes(presented), presentedHash);
        if (!CryptographicOperations.FixedTimeEquals(presentedHash, Convert.FromHexString(row.KeyHash)))
        {
            return null;
        }

        var now = time.GetUtcNow();
        if (row.ExpiresAt is { } expires && DateTime.SpecifyKind(expires, DateTimeKind.Utc) <= now.UtcDateTime)
        {
            return null;
        }

        var creatorPermissions = await permissionCatalog.GetPermissionsAsync(row.CreatorRoles, cancellationToken);
        usage.Touch(row.Id, now);
        return new ApiKeyIdentity(row.Id, row.UserId, row.Permissions.Where(creatorPermissions.Contains).ToArray(), row.RateLimit);
    }

    /// <summary>Stands for "no permit for the look-up": neither a row nor the absence of one.</summary>
    private static readonly KeyRow LookupRefused = new();

    private async ValueTask<KeyRow?> LoadAsync(string prefix, Func<bool>? reserveLookup, CancellationToken cancellationToken)
    {
        var cacheKey = IdentityStateCache.ApiKeyKey(prefix);
        if (cache.TryGetValue(cacheKey, out KeyRow? cached))
        {
            return cached;
        }

        if (reserveLookup is not null && !reserveLookup())
        {
            return LookupRefused;
        }

        Interlocked.Increment(ref _databaseLookups);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<KeyRow>(new CommandDefinition(Sql, new { Prefix = prefix }, cancellationToken: cancellationToken));
        if (row is { CreatorActive: true } && options.Value.CacheSeconds > 0)
        {
            cache.Set(cacheKey, row, TimeSpan.FromSeconds(options.Value.CacheSeconds));
        }

        return row;
    }

    internal sealed class KeyRow
    {
        public Guid Id { get; init; }

        public string KeyHash { get; init; } = string.Empty;

        public Guid UserId { get; init; }

        public string[] Permissions { get; init; } = [];

        public int RateLimit { get; init; }

        public DateTime? ExpiresAt { get; init; }

        public string[] CreatorRoles { get; init; } = [];

        public bool CreatorActive { get; init; }
    }
}
