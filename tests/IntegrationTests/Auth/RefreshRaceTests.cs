using System.Net;
using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.Auth;

public sealed class RefreshRaceTests : IClassFixture<CatalogApiFactory>
{
    private readonly CatalogApiFactory _factory;

    public RefreshRaceTests(CatalogApiFactory factory) => _factory = factory.WithSetting("Database:MaxPoolSize", "60");

    [Fact]
    public async Task FiftyParallelRefreshesWithOneToken_LeaveAtMostOneLiveSuccessor()
    {
        var user = await _factory.CreateUserAsync();
        var client = _factory.CreateClient();
        var tokens = await client.LoginAsync(user.Email);
        var refreshToken = tokens.GetProperty("refreshToken").GetString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => client.PostJsonAsync("/api/v1/auth/refresh", new { refreshToken })));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Unauthorized, r.StatusCode.ToString()));
        Assert.True(responses.Count(r => r.StatusCode == HttpStatusCode.OK) <= 1);
        var live = await _factory.ScalarAsync<long>(
            "SELECT count(*) FROM refresh_tokens WHERE user_id = @Id AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()", new { user.Id });
        Assert.True(live <= 1, $"{live} live successors");
        Assert.True(await _factory.ScalarAsync<long>("SELECT count(*) FROM audit_logs WHERE action = 'auth.refresh_reused' AND metadata->>'userId' = @Id", new { Id = user.Id.ToString() }) >= 1);
    }
}
