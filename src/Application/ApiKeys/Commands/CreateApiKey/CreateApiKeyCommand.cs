using Catalog.Application.Common.Auditing;
using Catalog.Application.Common.Identity;
using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Domain.ApiKeys;
using Catalog.Domain.Common;
using FluentValidation;

namespace Catalog.Application.ApiKeys.Commands.CreateApiKey;

/// <summary>Creates a key for the caller; it may hold only permissions the caller holds.</summary>
[Authorize(Common.Security.Permissions.ApiKeysWrite, UsersOnly = true)]
public sealed record CreateApiKeyCommand(string Name, IReadOnlyList<string> Permissions, int? RateLimit, DateTimeOffset? ExpiresAt) : ICommand<ApiKeySecretResponse>;

internal sealed class CreateApiKeyCommandHandler(
    IApiKeyRepository apiKeys,
    IApiKeyGenerator generator,
    IIdentityStateCache stateCache,
    ICurrentUser currentUser,
    IUnitOfWork unitOfWork,
    IAuditTrail audit,
    TimeProvider time) : ICommandHandler<CreateApiKeyCommand, ApiKeySecretResponse>
{
    public async Task<Result<ApiKeySecretResponse>> Handle(CreateApiKeyCommand request, CancellationToken cancellationToken)
    {
        var unknown = request.Permissions.Where(p => !Common.Security.Permissions.All.Contains(p, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            return Error.Validation("permissions", $"Unknown permissions: {string.Join(", ", unknown)}.");
        }

        var beyond = request.Permissions.Where(p => !currentUser.HasPermission(p)).ToList();
        if (beyond.Count > 0)
        {
            return Error.Forbidden($"An API key cannot hold permissions you do not hold: {string.Join(", ", beyond)}.");
        }

        var generated = generator.Generate();
        var created = ApiKey.Create(request.Name, generated.Prefix, generated.Hash, currentUser.UserId!.Value, request.Permissions, request.RateLimit, request.ExpiresAt, time.GetUtcNow());
        if (created.IsFailure)
        {
            return created.Error!;
        }

        apiKeys.Add(created.Value);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        // A prefix remembered as unknown must not shadow the key that now has it (docs/security.md, API keys).
        stateCache.InvalidateApiKey(generated.Prefix);
        audit.Record(new AuditEntry("api_key.created", "api_key", created.Value.Id, AuditChanges.Created(new
        {
            request.Name,
            created.Value.Prefix,
            request.Permissions,
            created.Value.RateLimit,
            request.ExpiresAt,
        })));
        return ApiKeySecretResponse.From(created.Value, generated.Key);
    }
}
