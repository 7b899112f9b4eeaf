namespace Catalog.Application.Common.Identity;

/// <summary>A new refresh token (shown to the client once) for a session.</summary>
public sealed record IssuedRefreshToken(Guid UserId, Guid SessionId, string RefreshToken, DateTimeOffset ExpiresAt);

public enum RefreshOutcome
{
    Rotated,
    Invalid,
    Reused,
}

public sealed record RefreshResult(RefreshOutcome Outcome, IssuedRefreshToken? Next = null, Guid? UserId = null, Guid? SessionId = null);

public sealed record SessionInfo(Guid Id, string? IpAddress, string? UserAgent, DateTimeOffset CreatedAt, DateTimeOffset LastActivityAt, DateTimeOffset ExpiresAt);

/// <summary>
/// Sign-in sessions (<c>user_sessions</c>) and their rotating refresh-token families (<c>refresh_tokens</c>).
/// Operations join the command's transaction, so a sign-in, a rotation or a revocation commits with its audit entry.
/// </summary>
public interface ISessionStore
{
    Task<IssuedRefreshToken> StartAsync(Guid userId, string? ipAddress, string? userAgent, CancellationToken cancellationToken);

    /// <summary>Exchanges a refresh token for its successor; a used or revoked token revokes its whole family.</summary>
    Task<RefreshResult> RotateAsync(string refreshToken, string? ipAddress, string? userAgent, CancellationToken cancellationToken);

    /// <summary>Ends the session the refresh token belongs to; answers its user, or null for an unknown token.</summary>
    Task<(Guid UserId, Guid SessionId)?> EndByRefreshTokenAsync(string refreshToken, string reason, CancellationToken cancellationToken);

    Task<bool> EndAsync(Guid userId, Guid sessionId, string reason, CancellationToken cancellationToken);

    Task<int> EndAllAsync(Guid userId, Guid? exceptSessionId, string reason, CancellationToken cancellationToken);

    Task<IReadOnlyList<SessionInfo>> ListActiveAsync(Guid userId, CancellationToken cancellationToken);
}
