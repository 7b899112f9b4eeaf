using System.Net;
using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.Auth;

/// <summary>
/// Found by the load benchmark: two sign-ins of one account at once had conflicted on the user row (412).
/// Each sign-in reserves an attempt before its password is verified (ADR-078), so no more than the lockout threshold
/// of one account's sign-ins can be in flight at once; the threshold is raised above the 8 sent here.
/// </summary>
public sealed class ConcurrentSignInTests : IClassFixture<CatalogApiFactory>
{
    private readonly CatalogApiFactory _factory;

    public ConcurrentSignInTests(CatalogApiFactory factory) => _factory = factory.WithSetting("Auth:LockoutThreshold", "10");

    [Fact]
    public async Task ParallelSignInsOfOneAccount_AllSucceed_AndEachIsCounted()
    {
        var user = await _factory.CreateUserAsync();
        var client = _factory.CreateClient();
        var before = await _factory.ScalarAsync<int>("SELECT login_count FROM users WHERE id = @Id", new { user.Id });

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            client.PostJsonAsync("/api/v1/auth/login", new { email = user.Email, password = IdentityTestHelpers.Password })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(before + 8, await _factory.ScalarAsync<int>("SELECT login_count FROM users WHERE id = @Id", new { user.Id }));
        Assert.True(await _factory.ScalarAsync<bool>("SELECT last_login_at > now() - interval '1 minute' FROM users WHERE id = @Id", new { user.Id }));
        Assert.Equal(8, await _factory.AuditCountAsync("auth.login_succeeded", user.Id));
    }
}
