using Catalog.Domain.Users;

namespace Catalog.Application.Common.Persistence;

public interface IUserRepository
{
    void Add(User user);

    /// <summary>A live (not deleted) user.</summary>
    Task<User?> GetByIdAsync(Guid id, CancellationToken cancellationToken);

    Task<User?> GetByEmailAsync(string normalizedEmail, CancellationToken cancellationToken);

    Task<bool> EmailExistsAsync(string normalizedEmail, CancellationToken cancellationToken);

    /// <summary>
    /// The ids of the live, active users holding <paramref name="role"/>, each row locked until the command's
    /// transaction ends, in id order; a concurrent command doing the same waits and then sees the committed state.
    /// </summary>
    Task<IReadOnlyList<Guid>> LockActiveHoldersOfAsync(string role, CancellationToken cancellationToken);
}
