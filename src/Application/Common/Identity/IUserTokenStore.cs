namespace Catalog.Application.Common.Identity;

public static class UserTokenPurpose
{
    public const string EmailVerification = "email_verification";
    public const string PasswordReset = "password_reset";
}

/// <summary>
/// Single-use email-verification and password-reset tokens (<c>user_tokens</c>): ≥ 128-bit random, stored as
/// SHA-256, with expiry and an attempt budget. Creation and consumption join the command's transaction.
/// </summary>
public interface IUserTokenStore
{
    /// <summary>Creates a token (earlier unused ones of the same purpose stop working) and answers its text.</summary>
    Task<string> CreateAsync(Guid userId, string purpose, TimeSpan lifetime, CancellationToken cancellationToken);

    /// <summary>
    /// The same work as <see cref="CreateAsync(Guid, string, TimeSpan, CancellationToken)"/> — a secret, its hash, the
    /// same statements in one round trip — that stores the token only when <paramref name="store"/> is true: a caller
    /// that must not reveal whether it stored one (forgot-password) costs the same either way.
    /// </summary>
    Task<string> CreateAsync(Guid userId, string purpose, TimeSpan lifetime, bool store, CancellationToken cancellationToken);

    /// <summary>Uses the token once; answers its user, or null when it is unknown, used, expired or out of attempts.</summary>
    Task<Guid?> ConsumeAsync(string token, string purpose, CancellationToken cancellationToken);

    /// <summary>How many tokens of <paramref name="purpose"/> the user was sent since <paramref name="since"/>.</summary>
    Task<int> CountSinceAsync(Guid userId, string purpose, DateTimeOffset since, CancellationToken cancellationToken);
}
