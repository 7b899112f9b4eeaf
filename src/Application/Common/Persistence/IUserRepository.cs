using Catalog.Domain.Users;

namespace Catalog.Application.Common.Persistence;

public interface IUserRepository
{
    void Add(User user);

    /// <summary>A live (not deleted) user.</summary>
    Task<User?> GetByIdAsync(Guid id, CancellationToken cancellationToken);

    Task<User?> GetByEmailAsync(string normalizedEmail, CancellationToken cancellationToken);

    Task<bool> EmailExistsAsync(string normalizedEmail, CancellationToken cancellationToken);
}
