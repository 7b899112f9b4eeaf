using System.Net;
using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.Identity;

/// <summary>Found by the load benchmark: two sign-ins of one account at once had conflicted on the user row (412).</summary>
public sealed class ConcurrentSignInTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    [Fact]
    public async Task ParallelSignInsOfOneAccount_AllSucceed_AndEachIsCounted()
    {
        var user = await factory.CreateUserAsync();
        var client = factory.CreateClient();
        var before = await factory.ScalarAsync<int>("SELECT login_count FROM users WHERE id = @Id", new { user.Id });

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            client.PostJsonAsync("/api/v1/auth/login", new { email = user.Email, password = IdentityTestHelpers.Password })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(before + 8, await factory.ScalarAsync<int>("SELECT login_count FROM users WHERE id = @Id", new { user.Id }));
        Assert.True(await factory.ScalarAsync<bool>("SELECT last_login_at > now() - interval '1 minute' FROM users WHERE id = @Id", new { user.Id }));
        Assert.Equal(8, await factory.AuditCountAsync("auth.login_succeeded", user.Id));
    }
}
