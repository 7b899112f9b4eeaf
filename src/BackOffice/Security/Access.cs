using Catalog.Application.Common.Security;

namespace Catalog.BackOffice.Security;

/// <summary>
/// What the console shows: an action appears only when its request's demand (the <see cref="AuthorizeAttribute"/> the
/// command declares, read by <see cref="AuthorizationRule"/>, the rule the pipeline enforces) is met. Showing is a
/// courtesy; the command still refuses whoever sends it without the right.
/// </summary>
public static class Access
{
    public static bool Can<TRequest>(this ICurrentUser user) => AuthorizationRule.Check(AuthorizationRule.For(typeof(TRequest)), user) is null;
}
