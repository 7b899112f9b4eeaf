using System.Net;
using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.Auth;

public sealed class LockoutTests : IClassFixture<CatalogApiFactory>
{
    private readonly CatalogApiFactory _factory;

    public LockoutTests(CatalogApiFactory factory) => _factory = factory
        .WithSetting("Auth:LockoutThreshold", "3")
        .WithSetting("Auth:LockoutSeconds", "300");

    [Fact]
    public async Task RepeatedFailures_LockTheAccount_SoEvenTheRightPasswordGetsTheSame401()
    {
        var user = await _factory.CreateUserAsync();
        var client = _factory.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            await (await client.PostJsonAsync("/api/v1/auth/login", new { email = user.Email, password = "wrong password " + i })).AssertProblemAsync(HttpStatusCode.Unauthorized);
        }

        var locked = await client.PostJsonAsync("/api/v1/auth/login", new { email = user.Email, password = IdentityTestHelpers.Password });
        var problem = await locked.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("auth.invalid_credentials", problem.GetProperty("code").GetString());
        Assert.Equal(1, await _factory.AuditCountAsync("auth.lockout", user.Id));
        Assert.Equal(3, await _factory.AuditCountAsync("auth.login_failed", user.Id) - 1);
        Assert.True(await _factory.ScalarAsync<bool>("SELECT lockout_until > now() + interval '4 minutes' FROM users WHERE id = @Id", new { user.Id }));

        await _factory.ExecuteAsync("UPDATE users SET lockout_until = now() - interval '1 second' WHERE id = @Id", new { user.Id });
        await client.LoginAsync(user.Email);
        Assert.Equal(0, await _factory.ScalarAsync<int>("SELECT failed_login_count FROM users WHERE id = @Id", new { user.Id }));
    }
}
