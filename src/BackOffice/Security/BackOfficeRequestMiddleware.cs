using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace Catalog.BackOffice.Security;

/// <summary>
/// Under <c>/admin</c> the caller is whoever the console cookie names, and no one else: a bearer token or an API key
/// is dropped before the API's authentication could read it, and the cookie is authenticated (and its session checked)
/// here, before rate limiting keys the request by its caller. Console answers are never stored by a cache.
/// The cookie is scoped to <c>/admin</c> and no API scheme reads it, so it authenticates nothing under <c>/api</c>.
/// </summary>
internal sealed class BackOfficeRequestMiddleware(RequestDelegate next)
{
    private static readonly ClaimsPrincipal Anonymous = new(new ClaimsIdentity());

    public async Task InvokeAsync(HttpContext context)
    {
        if (!BackOfficePaths.IsBackOffice(context.Request.Path))
        {
            await next(context);
            return;
        }

        context.Request.Headers.Authorization = default;
        context.Request.Headers.Remove("X-Api-Key");
        var result = await context.AuthenticateAsync(BackOfficeCookie.Scheme);
        context.User = result.Succeeded ? result.Principal! : Anonymous;
        context.Response.OnStarting(() =>
        {
            context.Response.Headers.CacheControl = "no-store";
            return Task.CompletedTask;
        });
        await next(context);
    }
}
