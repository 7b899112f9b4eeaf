using System.Collections.Concurrent;
using System.Reflection;
using Catalog.Domain.Common;

namespace Catalog.Application.Common.Security;

/// <summary>
/// The one reading of <see cref="AuthorizeAttribute"/>: what a request type demands, and whether a caller meets it.
/// The authorization behaviour applies it to every request it carries; the web layer applies the same rule at the
/// endpoint, before a byte of the body is read.
/// </summary>
public static class AuthorizationRule
{
    private static readonly ConcurrentDictionary<Type, AuthorizeAttribute?> Attributes = new();

    /// <summary>The demand of <paramref name="requestType"/>, or null when anyone may send it.</summary>
    public static AuthorizeAttribute? For(Type requestType) =>
        Attributes.GetOrAdd(requestType, static t => t.GetCustomAttribute<AuthorizeAttribute>());

    /// <summary>Null when <paramref name="caller"/> meets <paramref name="demand"/>; otherwise the 401 or 403 to answer.</summary>
    public static Error? Check(AuthorizeAttribute? demand, ICurrentUser caller)
    {
        if (demand is null)
        {
            return null;
        }

        if (!caller.IsAuthenticated)
        {
            return Error.Unauthorized();
        }

        if (demand.UsersOnly && caller.ApiKeyId is not null)
        {
            return Error.Forbidden("API keys cannot perform this action.");
        }

        return demand.Permission is not null && !caller.HasPermission(demand.Permission)
            ? Error.Forbidden($"This action requires the '{demand.Permission}' permission.")
            : null;
    }
}
