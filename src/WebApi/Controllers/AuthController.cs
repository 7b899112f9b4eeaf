using Catalog.Application.Auth;
using Catalog.Application.Auth.Commands.ForgotPassword;
using Catalog.Application.Auth.Commands.Login;
using Catalog.Application.Auth.Commands.Logout;
using Catalog.Application.Auth.Commands.Refresh;
using Catalog.Application.Auth.Commands.Register;
using Catalog.Application.Auth.Commands.ResetPassword;
using Catalog.Application.Auth.Commands.VerifyEmail;
using Catalog.Application.Users;
using Catalog.WebApi.Infrastructure;
using Catalog.WebApi.RateLimiting;
using Catalog.WebApi.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Authorization;

namespace Catalog.WebApi.Controllers;

/// <summary>Accounts and sessions: registration, sign-in, token refresh, sign-out, email verification, password reset.</summary>
[ApiVersion("1.0")]
[Route("api/v{version:apiVersion}/auth")]
[NoStore]
[AuthBudget]
[Consumes("application/json")]
public sealed class AuthController : ApiControllerBase
{
    /// <summary>Creates an account (role <c>user</c>) and mails an email-verification link.</summary>
    [HttpPost("register")]
    [EndpointName("register")]
    [EndpointSummary("Register an account")]
    [AllowAnonymous]
    [ProducesResponseType<UserResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Register(RegisterCommand command, CancellationToken cancellationToken) =>
        FromResult(await Mediator.Send(command, cancellationToken), user => Created($"/api/v1/users/{user.Id}", user));

    /// <summary>Signs in: a 15-minute access token and a rotating refresh token. Any failure is the same 401.</summary>
    [HttpPost("login")]
    [EndpointName("login")]
    [EndpointSummary("Sign in")]
    [AllowAnonymous]
    [ReturnsSecret]
    [ProducesResponseType<TokenResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status401Unauthorized)]
    public async Task<IActionResult> Login(LoginCommand command, CancellationToken cancellationToken) =>
        FromResult(await Mediator.Send(command, cancellationToken));

    /// <summary>Exchanges a refresh token for a new pair; a used token revokes its whole session.</summary>
    [HttpPost("refresh")]
    [EndpointName("refreshToken")]
    [EndpointSummary("Exchange a refresh token for a new token pair")]
    [AllowAnonymous]
    [ReturnsSecret(SingleUseInput = true)]
    [ProducesResponseType<TokenResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status401Unauthorized)]
    public async Task<IActionResult> Refresh(RefreshTokenCommand command, CancellationToken cancellationToken) =>
        FromResult(await Mediator.Send(command, cancellationToken), r => r.Tokens is null ? this.ToProblem(AuthErrors.InvalidRefreshToken) : Ok(r.Tokens));

    /// <summary>Ends the session of the refresh token.</summary>
    [HttpPost("logout")]
    [EndpointName("logout")]
    [EndpointSummary("Sign out (end the refresh token's session)")]
    [AllowAnonymous]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<IActionResult> Logout(LogoutCommand command, CancellationToken cancellationToken) =>
        NoContentFromResult(await Mediator.Send(command, cancellationToken));

    [HttpPost("verify-email")]
    [EndpointName("verifyEmail")]
    [EndpointSummary("Verify an email address")]
    [AllowAnonymous]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<IActionResult> VerifyEmail(VerifyEmailCommand command, CancellationToken cancellationToken) =>
        NoContentFromResult(await Mediator.Send(command, cancellationToken));

    /// <summary>Mails a reset link if the account exists; 202 either way.</summary>
    [HttpPost("forgot-password")]
    [EndpointName("forgotPassword")]
    [EndpointSummary("Request a password reset link")]
    [AllowAnonymous]
    [ProducesResponseType(StatusCodes.Status202Accepted)]
    public async Task<IActionResult> ForgotPassword(ForgotPasswordCommand command, CancellationToken cancellationToken) =>
        FromResult(await Mediator.Send(command, cancellationToken), _ => Accepted());

    /// <summary>Sets a new password with a reset token; every session of the user ends.</summary>
    [HttpPost("reset-password")]
    [EndpointName("resetPassword")]
    [EndpointSummary("Reset a password with a reset token")]
    [AllowAnonymous]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<IActionResult> ResetPassword(ResetPasswordCommand command, CancellationToken cancellationToken) =>
        NoContentFromResult(await Mediator.Send(command, cancellationToken));
}
