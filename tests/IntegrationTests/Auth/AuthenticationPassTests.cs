using System.Net;
using System.Security.Claims;
using Catalog.IntegrationTests.Infrastructure;
using Catalog.WebApi.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.IntegrationTests.Auth;

/// <summary>Counts the authentication passes (calls for the default scheme) the host makes, per request.</summary>
public sealed class AuthenticationCountingApiFactory : CatalogApiFactory
{
    public AuthenticationPasses Passes { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            var original = services.Last(d => d.ServiceType == typeof(IAuthenticationService));
            services.Remove(original);
            services.AddScoped<IAuthenticationService>(sp => new CountingAuthenticationService(
                (IAuthenticationService)ActivatorUtilities.CreateInstance(sp, original.ImplementationType!), Passes));
        });
    }

    public sealed class AuthenticationPasses
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Add() => Interlocked.Increment(ref _count);

        public void Reset() => Volatile.Write(ref _count, 0);
    }

    private sealed class CountingAuthenticationService(IAuthenticationService inner, AuthenticationPasses passes) : IAuthenticationService
    {
        public Task<AuthenticateResult> AuthenticateAsync(HttpContext context, string? scheme)
        {
            // A pass asks for the default (policy) scheme; the policy scheme's forward to Bearer or ApiKey is not another.
            if (scheme is null or AuthenticationSetup.DefaultScheme)
            {
                passes.Add();
            }

            return inner.AuthenticateAsync(context, scheme);
        }

        public Task ChallengeAsync(HttpContext context, string? scheme, AuthenticationProperties? properties) => inner.ChallengeAsync(context, scheme, properties);

        public Task ForbidAsync(HttpContext context, string? scheme, AuthenticationProperties? properties) => inner.ForbidAsync(context, scheme, properties);

        public Task SignInAsync(HttpContext context, string? scheme, ClaimsPrincipal principal, AuthenticationProperties? properties) => inner.SignInAsync(context, scheme, principal, properties);

        public Task SignOutAsync(HttpContext context, string? scheme, AuthenticationProperties? properties) => inner.SignOutAsync(context, scheme, properties);
    }
}

/// <summary>
/// Authentication runs once for a request with credentials and not at all for one without: WebApplication's own
/// UseAuthentication, added in front of the pipeline when the app's builder lacks its marker, would make it once and
/// twice (and outside the exception handler).
/// </summary>
public sealed class AuthenticationPassTests(AuthenticationCountingApiFactory factory) : IClassFixture<AuthenticationCountingApiFactory>
{
    [Fact]
    public async Task AnonymousRead_IsNotAuthenticated_AndABearerOrApiKeyRequest_IsAuthenticatedOnce()
    {
        var (bearer, _) = await factory.CreateClientAsAsync("user");
        var apiKey = await factory.CreateApiKeyClientAsync("products:read");
        var anonymous = factory.CreateClient();

        factory.Passes.Reset();
        await (await anonymous.GetAsync("/api/v1/categories")).AssertStatusAsync(HttpStatusCode.OK);
        await (await anonymous.GetAsync("/api/v1/products?limit=1")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(0, factory.Passes.Count);

        await (await bearer.GetAsync("/api/v1/me")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(1, factory.Passes.Count);

        factory.Passes.Reset();
        await (await apiKey.GetAsync("/api/v1/products?limit=1")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(1, factory.Passes.Count);
    }

}
