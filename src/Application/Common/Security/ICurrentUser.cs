namespace Catalog.Application.Common.Security;

/// <summary>Who is calling: a signed-in user, a partner service with an API key, or nobody.</summary>
public interface ICurrentUser
{
    bool IsAuthenticated { get; }

    /// <summary>The user, or for an API key the user who created it.</summary>
    Guid? UserId { get; }

    /// <summary>Set when the caller authenticated with an API key.</summary>
    Guid? ApiKeyId { get; }

    /// <summary>The refresh-token family (session) of a signed-in user's access token.</summary>
    Guid? SessionId { get; }

    IReadOnlyCollection<string> Roles { get; }

    IReadOnlyCollection<string> Permissions { get; }

    bool HasPermission(string permission);
}
