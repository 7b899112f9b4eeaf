using Catalog.Application.Common.Persistence;
using Catalog.Domain.ApiKeys;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Infrastructure.Persistence.Repositories;

internal sealed class ApiKeyRepository(CatalogDbContext db) : IApiKeyRepository
{
    public void Add(ApiKey apiKey) => db.Add(apiKey);

    public Task<ApiKey?> GetOwnedAsync(Guid id, Guid ownerId, CancellationToken cancellationToken) =>
        db.Set<ApiKey>().FirstOrDefaultAsync(k => k.Id == id && k.CreatedBy == ownerId, cancellationToken);

    public async Task<IReadOnlyList<string>> RevokeAllOfUserAsync(Guid userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var keys = await db.Set<ApiKey>().Where(k => k.CreatedBy == userId || k.UserId == userId).ToListAsync(cancellationToken);
        keys.ForEach(k => k.Revoke(now));
        return keys.ConvertAll(k => k.Prefix);
    }
}
