namespace Catalog.Application.Common.Security;

/// <summary>
/// Put on a command or query: the caller must be authenticated and, when <see cref="Permission"/> is set,
/// hold that <c>resource:action</c> permission. The authorization behaviour enforces it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed class AuthorizeAttribute : Attribute
{
    public AuthorizeAttribute()
    {
    }

    public AuthorizeAttribute(string permission) => Permission = permission;

    public string? Permission { get; }

    /// <summary>When true an API key is refused (403): account management needs a person.</summary>
    public bool UsersOnly { get; init; }
}
