using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.BackOffice.Security;

/// <summary>
/// Carries a secret a command answered (a new API key) across the post-redirect-get to the one page that shows it, once:
/// an encrypted (Data Protection, two minutes), HttpOnly, SameSite=Strict cookie scoped to that page, bound to the user
/// who created it, deleted by the request that reads it. The secret is never stored on the server, so reloading the
/// page (or opening it on another instance) shows nothing.
/// </summary>
public static class OneTimeSecret
{
    private const string CookieName = "__Secure-catalog-admin-secret";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    public static void Hand(HttpContext context, string path, Guid userId, string secret)
    {
        var sealedValue = Protector(context).Protect($"{userId:N}:{secret}", Lifetime);
        context.Response.Cookies.Append(CookieName, sealedValue, Options(path));
    }

    /// <summary>The secret handed to this user for this page, or null; either way the cookie is gone afterwards.</summary>
    public static string? Take(HttpContext context, string path, Guid? userId)
    {
        if (!context.Request.Cookies.TryGetValue(CookieName, out var sealedValue))
        {
            return null;
        }

        context.Response.Cookies.Delete(CookieName, Options(path));
        try
        {
            var value = Protector(context).Unprotect(sealedValue);
            var separator = value.IndexOf(':', StringComparison.Ordinal);
            return userId is { } id && separator > 0 && value[..separator] == id.ToString("N") ? value[(separator + 1)..] : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null; // expired or forged: nothing to show
        }
    }

    private static ITimeLimitedDataProtector Protector(HttpContext context) => context.RequestServices
        .GetRequiredService<IDataProtectionProvider>()
        .CreateProtector("Catalog.BackOffice.OneTimeSecret")
        .ToTimeLimitedDataProtector();

    private static CookieOptions Options(string path) => new()
    {
        Path = path,
        HttpOnly = true,
        Secure = true,
        SameSite = SameSiteMode.Strict,
        MaxAge = Lifetime,
        IsEssential = true,
    };
}
