using Catalog.Application.Common.Auditing;
using Catalog.Application.Common.Identity;
using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;

namespace Catalog.Application.ApiKeys.Commands.RevokeApiKey;

/// <summary>Revokes (and soft-deletes) one of the caller's keys.</summary>
[Authorize(Permissions.ApiKeysWrite, UsersOnly = true)]
public sealed record RevokeApiKeyCommand(Guid Id) : ICommand<bool>;

internal sealed class RevokeApiKeyCommandHandler(
    IApiKeyRepository apiKeys,
    IIdentityStateCache stateCache,
    ICurrentUser currentUser,
    IUnitOfWork unitOfWork,
    IAuditTrail audit,
    TimeProvider time) : ICommandHandler<RevokeApiKeyCommand, bool>
{
    public async Task<Result<bool>> Handle(RevokeApiKeyCommand request, CancellationToken cancellationToken)
    {
        var key = await apiKeys.GetOwnedAsync(request.Id, currentUser.UserId!.Value, cancellationToken);
        if (key is null)
        {
            return Error.NotFound("api_key", request.Id);
        }

        key.Revoke(time.GetUtcNow());
        await unitOfWork.SaveChangesAsync(cancellationToken);
        stateCache.InvalidateApiKey(key.Prefix);
        audit.Record(new AuditEntry("api_key.revoked", "api_key", key.Id, Metadata: new Dictionary<string, object?> { ["prefix"] = key.Prefix }));
        return true;
    }
}
