using Catalog.Application.Common.Identity;
using Dapper;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Catalog.Infrastructure.Identity;

/// <summary>
/// The per-request half of access-token validation: the signature, lifetime and audience are checked by the JWT
/// handler; this checks that the user is still live and active, the token's security stamp is the current one, and
/// its session (sid) has not been revoked or expired. Two cached look-ups (user, session), a few seconds each.
/// </summary>
public sealed class AccessTokenStateChecker(NpgsqlDataSource dataSource, IMemoryCache cache, IOptions<JwtOptions> options, TimeProvider time) : IAccessTokenStateChecker
{
    private const string UserSql = "SELECT security_stamp FROM users WHERE id = @Id AND is_active AND deleted_at IS NULL";

    private const string SessionSql = """
        SELECT user_id FROM user_sessions
        WHERE id = @Id AND revoked_at IS NULL AND expires_at > @Now AND absolute_expires_at > @Now
        """;

    public async ValueTask<bool> IsCurrentAsync(Guid userId, Guid sessionId, Guid stamp, CancellationToken cancellationToken)
    {
        var currentStamp = await GetAsync(IdentityStateCache.UserKey(userId), UserSql, userId, cancellationToken);
        if (currentStamp != stamp)
        {
            return false;
        }

        var sessionUser = await GetAsync(IdentityStateCache.SessionKey(sessionId), SessionSql, sessionId, cancellationToken);
        return sessionUser == userId;
    }

    private async ValueTask<Guid?> GetAsync(string key, string sql, Guid id, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(key, out Guid? cached))
        {
            return cached;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var value = await connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(sql, new { Id = id, Now = time.GetUtcNow() }, cancellationToken: cancellationToken));
        var seconds = options.Value.StateCacheSeconds;
        if (seconds > 0)
        {
            cache.Set(key, value, TimeSpan.FromSeconds(seconds));
        }

        return value;
    }
}
