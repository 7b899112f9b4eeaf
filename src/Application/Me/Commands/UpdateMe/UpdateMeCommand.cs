using System.Text.Json;
using Catalog.Application.Common.Auditing;
using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Application.Common.Validation;
using Catalog.Application.Users;
using Catalog.Domain.Common;
using Catalog.Domain.Users;

namespace Catalog.Application.Me.Commands.UpdateMe;

/// <summary>
/// The only profile fields a user may change; roles, email, flags and counters are not part of the request, so a
/// body that carries them changes nothing (no mass assignment). An absent or null field is left as it is.
/// </summary>
[Authorize(UsersOnly = true)]
public sealed record UpdateMeCommand(string? FirstName, string? LastName, string? AvatarUrl, JsonElement? Metadata) : ICommand<UserResponse>;

internal sealed class UpdateMeCommandHandler(IUserRepository users, ICurrentUser currentUser, IUnitOfWork unitOfWork, IAuditTrail audit)
    : ICommandHandler<UpdateMeCommand, UserResponse>
{
    public async Task<Result<UserResponse>> Handle(UpdateMeCommand request, CancellationToken cancellationToken)
    {
        var user = await users.GetByIdAsync(currentUser.UserId!.Value, cancellationToken);
        if (user is null)
        {
            return Error.Unauthorized();
        }

        var before = Snapshot(user);
        user.UpdateProfile(
            request.FirstName?.Trim() ?? user.FirstName,
            request.LastName?.Trim() ?? user.LastName,
            request.AvatarUrl ?? user.AvatarUrl,
            request.Metadata.ToStoredJson());
        await unitOfWork.SaveChangesAsync(cancellationToken);
        audit.Record(new AuditEntry("user.profile_updated", "user", user.Id, AuditChanges.Diff(before, Snapshot(user))));
        return UserResponse.From(user);
    }

    private static Dictionary<string, object?> Snapshot(User user) => new(StringComparer.Ordinal)
    {
        ["firstName"] = user.FirstName,
        ["lastName"] = user.LastName,
        ["avatarUrl"] = user.AvatarUrl,
        ["metadata"] = user.Metadata,
    };
}
