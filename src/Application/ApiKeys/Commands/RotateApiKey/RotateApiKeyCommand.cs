using Catalog.Application.Common.Auditing;
using Catalog.Application.Common.Identity;
using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;

namespace Catalog.Application.ApiKeys.Commands.RotateApiKey;

/// <summary>Gives one of the caller's keys a new secret; the old key stops working at once.</summary>
[Authorize(Permissions.ApiKeysWrite, UsersOnly = true)]
public sealed record RotateApiKeyCommand(Guid Id) : ICommand<ApiKeySecretResponse>;

internal sealed class RotateApiKeyCommandHandler(
    IApiKeyRepository apiKeys,
    IApiKeyGenerator generator,
    IIdentityStateCache stateCache,
    ICurrentUser currentUser,
    IUnitOfWork unitOfWork,
    IAuditTrail audit,
    TimeProvider time) : ICommandHandler<RotateApiKeyCommand, ApiKeySecretResponse>
{
    public async Task<Result<ApiKeySecretResponse>> Handle(RotateApiKeyCommand request, CancellationToken cancellationToken)
    {
        var key = await apiKeys.GetOwnedAsync(request.Id, currentUser.UserId!.Value, cancellationToken);
        if (key is null)
        {
            return Error.NotFound("api_key", request.Id);
        }

        var oldPrefix = key.Prefix;
        var generated = generator.Generate();
        var rotated = key.Rotate(generated.Prefix, generated.Hash, time.GetUtcNow());
        if (rotated.IsFailure)
        {
            return rotated.Error!;
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        stateCache.InvalidateApiKey(oldPrefix);
        stateCache.InvalidateApiKey(key.Prefix);
        audit.Record(new AuditEntry("api_key.rotated", "api_key", key.Id, new Dictionary<string, AuditChange>(StringComparer.Ordinal)
        {
            ["prefix"] = new(oldPrefix, key.Prefix),
        }));
        return ApiKeySecretResponse.From(key, generated.Key);
    }
}
