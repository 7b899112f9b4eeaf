using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Catalog.Application.Common.Identity;
using Catalog.Application.Common.Security;
using Catalog.WebApi.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Catalog.WebApi.Security;

/// <summary>
/// The "ApiKey" scheme: <c>X-Api-Key</c> → principal with <c>sub</c> = the key's creator, <c>api_key_id</c>, one
/// <c>perm</c> claim per permission the key holds (never more than its creator), and the key's rate limit.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IApiKeyVerifier verifier) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string RateLimitClaim = "rate_limit";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(AuthenticationSetup.ApiKeyHeader, out var values))
        {
            return AuthenticateResult.NoResult();
        }

        if (values.Count != 1 || string.IsNullOrEmpty(values[0]))
        {
            return AuthenticateResult.Fail("Exactly one X-Api-Key header is expected.");
        }

        // A look-up the address has no permit for is refused here; FailedAuthenticationGate.RefuseOverBudget answers 429.
        var key = await verifier.VerifyAsync(values[0]!, () => FailedAuthenticationGate.TryReserveLookup(Context), Context.RequestAborted);
        if (key is null)
        {
            return AuthenticateResult.Fail("The API key is invalid, expired or revoked.");
        }

        var claims = new List<Claim>(key.Permissions.Count + 3)
        {
            new("sub", key.UserId.ToString()),
            new(CatalogClaims.ApiKeyId, key.Id.ToString()),
            new(RateLimitClaim, key.RateLimit.ToString(CultureInfo.InvariantCulture)),
        };
        claims.AddRange(key.Permissions.Select(p => new Claim(CatalogClaims.Permission, p)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name, "sub", CatalogClaims.Role));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    // The credential check (AuthenticationSetup.UseCredentialCheck) writes the 401 problem.
    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => Task.CompletedTask;
}

/// <summary>Tells the default scheme to forward <c>X-Api-Key</c> requests to the API-key handler.</summary>
internal sealed class ApiKeySchemeMarker : IApiKeySchemeMarker
{
}
