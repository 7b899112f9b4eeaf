using Catalog.Application.Common.Identity;
using Catalog.Infrastructure.Persistence;
using Dapper;
using Microsoft.Extensions.Options;

namespace Catalog.Infrastructure.Identity.Sessions;

/// <summary>
/// user_sessions (one per sign-in) and refresh_tokens (its rotating family). Rotation is one conditional UPDATE
/// (<c>used_at IS NULL</c>): of any number of parallel refreshes with one token, exactly one wins; the others see a
/// used token, which is reuse, and revoke the family.
/// </summary>
internal sealed class SessionStore(CatalogDbContext db, IOptions<JwtOptions> options, IIdentityStateCache stateCache, TimeProvider time) : ISessionStore
{
    private const string InsertSession = """
        INSERT INTO user_sessions (id, user_id, session_token, ip_address, user_agent, expires_at, absolute_expires_at, created_at, last_activity_at)
        VALUES (@SessionId, @UserId, @SessionToken, CAST(@Ip AS inet), @UserAgent, @ExpiresAt, @AbsoluteExpiresAt, @Now, @Now)
        """;

    private const string InsertToken = """
        INSERT INTO refresh_tokens (id, user_id, session_id, family_id, token_hash, expires_at, created_at, ip_address, user_agent)
        VALUES (@TokenId, @UserId, @SessionId, @SessionId, @Hash, @ExpiresAt, @Now, CAST(@Ip AS inet), @UserAgent)
        """;

    private const string UseToken = """
        UPDATE refresh_tokens SET used_at = @Now, last_used_at = @Now
        WHERE token_hash = @Hash AND used_at IS NULL AND revoked_at IS NULL AND expires_at > @Now
        RETURNING id AS Id, user_id AS UserId, session_id AS SessionId
        """;

    private const string FindSpent = """
        SELECT user_id AS UserId, session_id AS SessionId FROM refresh_tokens WHERE token_hash = @Hash AND used_at IS NOT NULL
        """;

    private const string LockSession = """
        SELECT absolute_expires_at FROM user_sessions
        WHERE id = @SessionId AND revoked_at IS NULL AND absolute_expires_at > @Now
        FOR UPDATE
        """;

    private const string Advance = """
        UPDATE refresh_tokens SET replaced_by_id = @TokenId WHERE id = @OldId;
        UPDATE user_sessions SET last_activity_at = @Now, expires_at = @ExpiresAt, ip_address = CAST(@Ip AS inet), user_agent = @UserAgent WHERE id = @SessionId;
        """;

    private const string Revoke = """
        WITH ended AS (
            UPDATE user_sessions SET revoked_at = @Now, revoked_reason = @Reason
            WHERE user_id = @UserId AND revoked_at IS NULL AND (@SessionId::uuid IS NULL OR id = @SessionId) AND (@ExceptId::uuid IS NULL OR id <> @ExceptId)
            RETURNING id
        ), tokens AS (
            UPDATE refresh_tokens SET revoked_at = @Now, revoked_reason = @Reason
            WHERE session_id IN (SELECT id FROM ended) AND revoked_at IS NULL
        )
        SELECT id FROM ended
        """;

    private const string List = """
        SELECT id AS Id, host(ip_address) AS IpAddress, user_agent AS UserAgent, created_at AS CreatedAt, last_activity_at AS LastActivityAt, expires_at AS ExpiresAt
        FROM user_sessions
        WHERE user_id = @UserId AND revoked_at IS NULL AND expires_at > @Now AND absolute_expires_at > @Now
        ORDER BY last_activity_at DESC
        """;

    public async Task<IssuedRefreshToken> StartAsync(Guid userId, string? ipAddress, string? userAgent, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var jwt = options.Value;
        var absolute = now.AddDays(jwt.RefreshTokenDays);
        var expires = Min(now.AddDays(jwt.RefreshTokenIdleDays), absolute);
        var sessionId = Guid.CreateVersion7(now);
        var token = SecureTokens.New();
        var (connection, transaction) = await db.OpenAsync(cancellationToken);
        var args = new
        {
            SessionId = sessionId,
            UserId = userId,
            SessionToken = SecureTokens.Sha256Hex(SecureTokens.New()),
            Ip = ipAddress,
            UserAgent = userAgent,
            ExpiresAt = expires,
            AbsoluteExpiresAt = absolute,
            Now = now,
            TokenId = Guid.CreateVersion7(now),
            Hash = SecureTokens.Sha256Hex(token),
        };
        await connection.ExecuteAsync(new CommandDefinition(InsertSession + ";\n" + InsertToken, args, transaction, cancellationToken: cancellationToken));
        return new IssuedRefreshToken(userId, sessionId, token, expires);
    }

    public async Task<RefreshResult> RotateAsync(string refreshToken, string? ipAddress, string? userAgent, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var hash = SecureTokens.Sha256Hex(refreshToken);
        var (connection, transaction) = await db.OpenAsync(cancellationToken);
        var used = await connection.QuerySingleOrDefaultAsync<TokenRow>(new CommandDefinition(UseToken, new { Hash = hash, Now = now }, transaction, cancellationToken: cancellationToken));
        if (used is null)
        {
            var spent = await connection.QuerySingleOrDefaultAsync<SpentRow>(new CommandDefinition(FindSpent, new { Hash = hash }, transaction, cancellationToken: cancellationToken));
            if (spent is null)
            {
                return new RefreshResult(RefreshOutcome.Invalid);
            }

            await RevokeAsync(spent.UserId, spent.SessionId, null, "refresh_reuse", cancellationToken);
            return new RefreshResult(RefreshOutcome.Reused, null, spent.UserId, spent.SessionId);
        }

        var absolute = await connection.QuerySingleOrDefaultAsync<DateTime?>(new CommandDefinition(LockSession, new { used.SessionId, Now = now }, transaction, cancellationToken: cancellationToken));
        if (absolute is null)
        {
            return new RefreshResult(RefreshOutcome.Invalid);
        }

        var expires = Min(now.AddDays(options.Value.RefreshTokenIdleDays), new DateTimeOffset(DateTime.SpecifyKind(absolute.Value, DateTimeKind.Utc)));
        var token = SecureTokens.New();
        var args = new
        {
            TokenId = Guid.CreateVersion7(now),
            OldId = used.Id,
            used.UserId,
            used.SessionId,
            Hash = SecureTokens.Sha256Hex(token),
            ExpiresAt = expires,
            Now = now,
            Ip = ipAddress,
            UserAgent = userAgent,
        };
        await connection.ExecuteAsync(new CommandDefinition(InsertToken + ";\n" + Advance, args, transaction, cancellationToken: cancellationToken));
        return new RefreshResult(RefreshOutcome.Rotated, new IssuedRefreshToken(used.UserId, used.SessionId, token, expires), used.UserId, used.SessionId);
    }

    public async Task<(Guid UserId, Guid SessionId)?> EndByRefreshTokenAsync(string refreshToken, string reason, CancellationToken cancellationToken)
    {
        var (connection, transaction) = await db.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<SpentRow>(new CommandDefinition(
            "SELECT user_id AS UserId, session_id AS SessionId FROM refresh_tokens WHERE token_hash = @Hash",
            new { Hash = SecureTokens.Sha256Hex(refreshToken) },
            transaction,
            cancellationToken: cancellationToken));
        if (row is null)
        {
            return null;
        }

        var ended = await RevokeAsync(row.UserId, row.SessionId, null, reason, cancellationToken);
        return ended > 0 ? (row.UserId, row.SessionId) : null;
    }

    public async Task<bool> EndAsync(Guid userId, Guid sessionId, string reason, CancellationToken cancellationToken) =>
        await RevokeAsync(userId, sessionId, null, reason, cancellationToken) > 0;

    public Task<int> EndAllAsync(Guid userId, Guid? exceptSessionId, string reason, CancellationToken cancellationToken) =>
        RevokeAsync(userId, null, exceptSessionId, reason, cancellationToken);

    public async Task<IReadOnlyList<SessionInfo>> ListActiveAsync(Guid userId, CancellationToken cancellationToken)
    {
        var (connection, transaction) = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<SessionRow>(new CommandDefinition(List, new { UserId = userId, Now = time.GetUtcNow() }, transaction, cancellationToken: cancellationToken));
        return rows.Select(r => new SessionInfo(r.Id, r.IpAddress, r.UserAgent, Utc(r.CreatedAt), Utc(r.LastActivityAt), Utc(r.ExpiresAt))).ToList();
    }

    private async Task<int> RevokeAsync(Guid userId, Guid? sessionId, Guid? exceptId, string reason, CancellationToken cancellationToken)
    {
        var (connection, transaction) = await db.OpenAsync(cancellationToken);
        var ended = (await connection.QueryAsync<Guid>(new CommandDefinition(
            Revoke,
            new { UserId = userId, SessionId = sessionId, ExceptId = exceptId, Reason = reason, Now = time.GetUtcNow() },
            transaction,
            cancellationToken: cancellationToken))).ToList();
        ended.ForEach(stateCache.InvalidateSession);
        return ended.Count;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private sealed record TokenRow(Guid Id, Guid UserId, Guid SessionId);

    private sealed record SpentRow(Guid UserId, Guid SessionId);

    private sealed record SessionRow(Guid Id, string? IpAddress, string? UserAgent, DateTime CreatedAt, DateTime LastActivityAt, DateTime ExpiresAt);
}
