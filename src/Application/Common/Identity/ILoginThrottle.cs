namespace Catalog.Application.Common.Identity;

/// <summary>
/// Counts failed sign-ins per account and locks it out progressively. Written at once on a connection of its own
/// (a failed sign-in rolls its command back) and atomically, so parallel guesses all count.
/// </summary>
public interface ILoginThrottle
{
    /// <summary>
    /// Reserves one sign-in attempt of the active, not locked-out account with this email <em>before</em> its password
    /// is verified: the attempt is counted as a failure at once (locking the account when it reaches the threshold),
    /// and a success takes it back with <see cref="RecordSuccessAsync"/>. So however many guesses arrive at once, no
    /// more than the threshold get as far as the password check.
    /// </summary>
    /// <returns>The reserved attempt; null when no such account may try now (unknown, inactive or locked out).</returns>
    Task<LoginAttempt?> TryReserveAsync(string normalizedEmail, CancellationToken cancellationToken);

    /// <returns>True when this failure locked the account.</returns>
    Task<bool> RecordFailureAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>
    /// The bookkeeping of a successful sign-in (last login, count, failures and lockout cleared), as one atomic
    /// update: concurrent sign-ins of one account must not conflict on the user row's concurrency token.
    /// </summary>
    Task RecordSuccessAsync(Guid userId, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <param name="UserId">The account the attempt was reserved on.</param>
/// <param name="LocksOnFailure">True when this attempt reached the lockout threshold: if it fails, the account is locked.</param>
public sealed record LoginAttempt(Guid UserId, bool LocksOnFailure);
