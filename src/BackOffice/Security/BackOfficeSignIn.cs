using Catalog.Application.Auth.Commands.Login;
using Catalog.Application.Common.Security;
using Catalog.Application.Sessions.Commands.EndMySession;
using Catalog.Domain.Common;
using MediatR;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace Catalog.BackOffice.Security;

/// <summary>
/// Sign-in and sign-out through the API's own use cases: <see cref="LoginCommand"/> (password check, lockout,
/// throttling, audit entries, a <c>user_sessions</c> row) and <see cref="EndMySessionCommand"/> (that row ended).
/// </summary>
public static class BackOfficeSignIn
{
    /// <summary>Null when signed in; otherwise the login use case's refusal.</summary>
    public static async Task<Error?> SignInAsync(HttpContext httpContext, IMediator mediator, string email, string password)
    {
        var result = await mediator.Send(new LoginCommand(email, password), httpContext.RequestAborted);
        if (result.IsFailure)
        {
            return result.Error;
        }

        // The refresh token is dropped: the cookie stands for the session, which ends on sign-out or from the API.
        await httpContext.SignInAsync(
            BackOfficeCookie.Scheme,
            BackOfficeCookie.FromAccessToken(result.Value.AccessToken),
            new AuthenticationProperties { IsPersistent = false, AllowRefresh = true });
        return null;
    }

    public static async Task SignOutAsync(HttpContext httpContext, IMediator mediator, ICurrentUser currentUser)
    {
        if (currentUser.SessionId is { } sessionId)
        {
            await mediator.Send(new EndMySessionCommand(sessionId), httpContext.RequestAborted);
        }

        await httpContext.SignOutAsync(BackOfficeCookie.Scheme);
    }
}
