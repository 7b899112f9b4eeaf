using Catalog.Application.Common.Persistence;
using Catalog.Domain.Users;
using Catalog.Infrastructure.Identity;
using Dapper;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Infrastructure.Persistence.Repositories;

internal sealed class UserRepository(CatalogDbContext db) : IUserRepository
{
    public void Add(User user) => db.Add(user);

    public Task<User?> GetByIdAsync(Guid id, CancellationToken cancellationToken) =>
        db.Set<User>().FirstOrDefaultAsync(u => u.Id == id, cancellationToken);

    public Task<User?> GetByEmailAsync(string normalizedEmail, CancellationToken cancellationToken) =>
        db.Set<User>().FirstOrDefaultAsync(u => u.Email == normalizedEmail, cancellationToken);

    public Task<bool> EmailExistsAsync(string normalizedEmail, CancellationToken cancellationToken) =>
        db.Set<User>().AnyAsync(u => u.Email == normalizedEmail, cancellationToken);

    public async Task<IReadOnlyList<Guid>> LockActiveHoldersOfAsync(string role, CancellationToken cancellationToken)
    {
        // FOR UPDATE re-checks a row that a concurrent transaction changed once that one commits, so a holder it
        // demoted or deactivated meanwhile is no longer returned; id order keeps two such commands from deadlocking.
        var (connection, transaction) = await db.OpenAsync(cancellationToken);
        var ids = await connection.QueryAsync<Guid>(new CommandDefinition(
            """
            SELECT id FROM users
            WHERE deleted_at IS NULL AND is_active AND @Role = ANY (roles)
            ORDER BY id
            FOR UPDATE
            """,
            new { Role = role },
            transaction,
            cancellationToken: cancellationToken));
        return ids.AsList();
    }
}
