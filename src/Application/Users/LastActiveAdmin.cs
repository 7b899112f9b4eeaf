using Catalog.Application.Common.Persistence;
using Catalog.Domain.Common;
using Catalog.Domain.Users;

namespace Catalog.Application.Users;

/// <summary>
/// The back office must keep at least one active admin: demoting, deactivating or deleting the last one is 409
/// (ADR-077). The admins are row-locked in the command's transaction before they are counted, so two admins
/// demoting each other at the same time cannot both succeed: the second waits for the first and then counts again.
/// </summary>
internal static class LastActiveAdmin
{
    public static async Task<Error?> CheckAsync(IUserRepository users, User target, bool remainsActiveAdmin, CancellationToken cancellationToken)
    {
        if (remainsActiveAdmin || !target.IsActive || !target.Roles.Contains(Common.Security.Roles.Admin, StringComparer.Ordinal))
        {
            return null;
        }

        var admins = await users.LockActiveHoldersOfAsync(Common.Security.Roles.Admin, cancellationToken);
        return admins.Any(id => id != target.Id)
            ? null
            : Error.Conflict("user.last_admin", "This is the last active admin; make another user admin first.");
    }
}
