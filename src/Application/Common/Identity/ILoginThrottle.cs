namespace Catalog.Application.Common.Identity;

/// <summary>
/// Counts failed sign-ins per account and locks it out progressively. Written at once on a connection of its own
/// (a failed sign-in rolls its command back) and atomically, so parallel guesses all count.
/// </summary>
public interface ILoginThrottle
{
    /// <returns>True when this failure locked the account.</returns>
    Task<bool> RecordFailureAsync(Guid userId, CancellationToken cancellationToken);
}
