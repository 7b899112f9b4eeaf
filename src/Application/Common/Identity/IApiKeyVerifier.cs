namespace Catalog.Application.Common.Identity;

/// <summary>Who an API key acts for and what it may do, right now.</summary>
public sealed record ApiKeyIdentity(Guid Id, Guid UserId, IReadOnlyList<string> Permissions, int RateLimit);

/// <summary>Verifies a presented <c>X-Api-Key</c> (the API-key authentication scheme's port).</summary>
public interface IApiKeyVerifier
{
    /// <summary>
    /// The key's identity, or null when it is malformed, unknown, expired or revoked. <paramref name="reserveLookup"/>,
    /// when given, is asked for a permit right before a key row would be read from the database and nowhere else; when
    /// it refuses, the key is refused without the look-up.
    /// </summary>
    ValueTask<ApiKeyIdentity?> VerifyAsync(string presented, Func<bool>? reserveLookup, CancellationToken cancellationToken);
}
