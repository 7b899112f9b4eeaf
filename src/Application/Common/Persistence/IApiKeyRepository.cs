using Catalog.Domain.ApiKeys;

namespace Catalog.Application.Common.Persistence;

public interface IApiKeyRepository
{
    void Add(ApiKey apiKey);

    /// <summary>A live key created by <paramref name="ownerId"/>; someone else's key is not found.</summary>
    Task<ApiKey?> GetOwnedAsync(Guid id, Guid ownerId, CancellationToken cancellationToken);

    /// <summary>Revokes every live key the user created; answers their prefixes.</summary>
    Task<IReadOnlyList<string>> RevokeAllOfUserAsync(Guid userId, DateTimeOffset now, CancellationToken cancellationToken);
}
