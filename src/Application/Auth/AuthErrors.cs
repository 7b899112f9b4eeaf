using Catalog.Domain.Common;

namespace Catalog.Application.Auth;

public static class AuthErrors
{
    /// <summary>One answer for an unknown email, a wrong password, a locked or deactivated account: nothing to enumerate.</summary>
    public static readonly Error InvalidCredentials = new("auth.invalid_credentials", "The email or password is incorrect.", ErrorType.Unauthorized);

    public static readonly Error InvalidRefreshToken = new("auth.invalid_refresh_token", "The refresh token is invalid, expired or revoked.", ErrorType.Unauthorized);

    public static Error InvalidToken(string field = "token") => Error.Validation(field, "The token is invalid or has expired.");
}
