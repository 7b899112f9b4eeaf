using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Catalog.Application.Common.Identity;
using Catalog.Infrastructure.Identity;
using Catalog.Infrastructure.Identity.ApiKeys;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Catalog.Benchmarks.Micro;

/// <summary>
/// API-key authentication, per request: the format and CRC-32 check that runs before any look-up, the SHA-256 hash with
/// the constant-time compare, and the whole <see cref="ApiKeyVerifier"/> on its steady-state path (the key's row in the
/// identity cache, as after the first request; the cache miss is one indexed query, measured by the HTTP benchmarks,
/// not here). Beside <see cref="SecurityBenchmarks.ValidateJwt"/>, the bearer-token equivalent.
/// </summary>
[Config(typeof(QuickConfig))]
public class ApiKeyBenchmarks
{
    private readonly IMemoryCache _cache = new MemoryCache(new MemoryCacheOptions());
    private NpgsqlDataSource _dataSource = null!;
    private ApiKeyVerifier _verifier = null!;
    private ApiKeyNegativeCache _unknownPrefixes = null!;
    private string _key = null!;
    private string _badChecksum = null!;
    private byte[] _storedHash = null!;

    [GlobalSetup]
    public void Setup()
    {
        var (key, prefix) = ApiKeyFormat.Generate();
        _key = key;
        _badChecksum = key[..^1] + (key[^1] == 'A' ? 'B' : 'A');
        var hash = ApiKeyFormat.Hash(key);
        _storedHash = Convert.FromHexString(hash);
        // Never opened: every verification below is answered from the cache or refused before any look-up.
        _dataSource = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Database=none;Username=none");
        _cache.Set(IdentityStateCache.ApiKeyKey(prefix), new ApiKeyVerifier.KeyRow
        {
            Id = Guid.CreateVersion7(),
            KeyHash = hash,
            UserId = Guid.CreateVersion7(),
            Permissions = ["products:read", "products:write", "categories:read"],
            RateLimit = 1000,
            ExpiresAt = DateTime.UtcNow.AddDays(30),
            CreatorRoles = ["catalog_manager"],
            CreatorActive = true,
        });
        _unknownPrefixes = new ApiKeyNegativeCache(Options.Create(new ApiKeyOptions()));
        _verifier = new ApiKeyVerifier(
            _dataSource,
            _cache,
            _unknownPrefixes,
            new FixedPermissionCatalog(),
            new ApiKeyUsageTracker(_dataSource),
            Options.Create(new ApiKeyOptions()),
            TimeProvider.System);
        if (!ParseAndCheck() || !HashAndCompare() || VerifyCached().AsTask().GetAwaiter().GetResult() is null
            || VerifyBadChecksum().AsTask().GetAwaiter().GetResult() is not null)
        {
            throw new InvalidOperationException("The benchmark key does not verify as expected.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _dataSource.Dispose();
        _cache.Dispose();
        _unknownPrefixes.Dispose();
    }

    /// <summary>Shape and checksum, no I/O: what refuses a made-up or mistyped key.</summary>
    [Benchmark]
    public bool ParseAndCheck() => ApiKeyFormat.TryParse(_key, out _);

    /// <summary>SHA-256 of the presented key and the constant-time compare with the stored hash.</summary>
    [Benchmark]
    public bool HashAndCompare()
    {
        Span<byte> presented = stackalloc byte[32];
        SHA256.HashData(Encoding.ASCII.GetBytes(_key), presented);
        return CryptographicOperations.FixedTimeEquals(presented, _storedHash);
    }

    /// <summary>The verifier end to end with the key's row cached: parse, cache hit, hash, compare, expiry, permissions, usage.</summary>
    [Benchmark]
    public ValueTask<ApiKeyIdentity?> VerifyCached() => _verifier.VerifyAsync(_key, CancellationToken.None);

    /// <summary>A key with a wrong checksum: refused by the verifier before the cache or the database.</summary>
    [Benchmark]
    public ValueTask<ApiKeyIdentity?> VerifyBadChecksum() => _verifier.VerifyAsync(_badChecksum, CancellationToken.None);

    /// <summary>The creator's role permissions, as the real catalog answers them from its cache.</summary>
    private sealed class FixedPermissionCatalog : IPermissionCatalog
    {
        private static readonly IReadOnlySet<string> Granted = new HashSet<string>(["products:read", "products:write", "categories:read", "brands:read"], StringComparer.Ordinal);

        public ValueTask<IReadOnlySet<string>> GetPermissionsAsync(IEnumerable<string> roles, CancellationToken cancellationToken) => ValueTask.FromResult(Granted);

        public void Invalidate()
        {
        }
    }
}
