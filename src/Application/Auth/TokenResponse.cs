namespace Catalog.Application.Auth;

/// <summary>The answer of sign-in and refresh.</summary>
public sealed record TokenResponse(string AccessToken, string RefreshToken, string TokenType, int ExpiresIn);
