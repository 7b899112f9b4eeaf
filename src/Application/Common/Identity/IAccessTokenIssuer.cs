namespace Catalog.Application.Common.Identity;

public sealed record AccessToken(string Token, DateTimeOffset ExpiresAt, int ExpiresInSeconds);

/// <summary>Issues short-lived JWT access tokens for a user's session.</summary>
public interface IAccessTokenIssuer
{
    AccessToken Issue(Guid userId, Guid sessionId, Guid securityStamp, IEnumerable<string> roles);
}
