namespace Catalog.Application.Common.Identity;

/// <summary>
/// Counts failed sign-ins per account and locks it out progressively. Written at once on a connection of its own
/// (a failed sign-in rolls its command back) and atomically, so parallel guesses all count.
/// </summary>
public interface ILoginThrottle
{
    /// <returns>True when this failure locked the account.</returns>
    Task<bool> RecordFailureAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>
    /// The bookkeeping of a successful sign-in (last login, count, failures and lockout cleared), as one atomic
    /// update: concurrent sign-ins of one account must not conflict on the user row's concurrency token.
    /// </summary>
    Task RecordSuccessAsync(Guid userId, DateTimeOffset now, CancellationToken cancellationToken);
}
