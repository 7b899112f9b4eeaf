using System.Net;
using System.Net.Http.Json;
using Catalog.Application.Common.Security;
using Catalog.IntegrationTests.Infrastructure;
using Dapper;
using Npgsql;

namespace Catalog.IntegrationTests.Users;

/// <summary>
/// Issue 22: the back office keeps at least one active admin (ADR-077). Each test runs on a database of its own, so
/// that it knows every admin there is.
/// </summary>
public sealed class LastAdminTests : IAsyncLifetime
{
    private readonly CatalogApiFactory _factory = new();

    public Task InitializeAsync() => _factory.InitializeAsync();

    public Task DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task LastAdmin_CannotDemoteDeactivateOrDeleteItself_409()
    {
        Assert.Equal(0, await ActiveAdminsAsync());
        var (admin, self) = await _factory.CreateClientAsAsync("admin");
        var url = $"/api/v1/users/{self.Id}";

        await (await admin.PatchAsync(url, JsonContent.Create(new { roles = new[] { "user" } }))).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await admin.PatchAsync(url, JsonContent.Create(new { isActive = false }))).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await admin.DeleteAsync(url)).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(1, await ActiveAdminsAsync());
    }

    [Fact]
    public async Task LastAdmin_CannotBeDemotedDeactivatedOrDeleted_EvenByACallerHoldingEveryPermission()
    {
        var (admin, adminUser) = await _factory.CreateClientAsAsync("admin");
        var role = "root_" + Guid.NewGuid().ToString("N")[..6];
        await (await admin.PutAsJsonAsync($"/api/v1/roles/{role}/permissions", new { permissions = Permissions.All })).AssertStatusAsync(HttpStatusCode.OK);
        var (root, _) = await _factory.CreateClientAsAsync(role);
        var url = $"/api/v1/users/{adminUser.Id}";

        foreach (var response in new[]
        {
            await root.PatchAsync(url, JsonContent.Create(new { roles = new[] { role } })),
            await root.PatchAsync(url, JsonContent.Create(new { isActive = false })),
            await root.DeleteAsync(url),
        })
        {
            var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict);
            Assert.Equal("user.last_admin", problem.GetProperty("code").GetString());
        }

        Assert.Equal(1, await ActiveAdminsAsync());
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task TwoAdmins_OneDemotesTheOther_ThenTheSurvivorIsTheLast()
    {
        var (first, firstUser) = await _factory.CreateClientAsAsync("admin");
        var second = await _factory.CreateUserAsync(null, IdentityTestHelpers.Password, "admin");
        var role = "root_" + Guid.NewGuid().ToString("N")[..6];
        await (await first.PutAsJsonAsync($"/api/v1/roles/{role}/permissions", new { permissions = Permissions.All })).AssertStatusAsync(HttpStatusCode.OK);
        var (root, _) = await _factory.CreateClientAsAsync(role);

        await (await first.PatchAsync($"/api/v1/users/{second.Id}", JsonContent.Create(new { roles = new[] { "user" } }))).AssertStatusAsync(HttpStatusCode.OK);
        await (await root.PatchAsync($"/api/v1/users/{firstUser.Id}", JsonContent.Create(new { roles = new[] { "user" } }))).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(1, await ActiveAdminsAsync());
    }

    /// <summary>
    /// Two admins demote each other at the same moment. The test holds both admins' rows locked until both requests
    /// wait on them, then lets go: both requests have read "two admins" by then, so without the lock-then-count in the
    /// command both would win and leave none. With it, exactly one wins and the other finds itself the last (409).
    /// </summary>
    [Fact]
    public async Task TwoAdmins_DemotingEachOtherAtOnce_LeaveOneAdmin()
    {
        var (first, firstUser) = await _factory.CreateClientAsAsync("admin");
        var (second, secondUser) = await _factory.CreateClientAsAsync("admin");

        await using var gate = new NpgsqlConnection(_factory.ConnectionString);
        await gate.OpenAsync();
        var database = gate.Database;
        await using var hold = await gate.BeginTransactionAsync();
        await gate.ExecuteAsync("SELECT id FROM users WHERE id = ANY(@Ids) FOR UPDATE", new { Ids = new[] { firstUser.Id, secondUser.Id } }, hold);

        var demoteSecond = first.PatchAsync($"/api/v1/users/{secondUser.Id}", JsonContent.Create(new { roles = new[] { "user" } }));
        var demoteFirst = second.PatchAsync($"/api/v1/users/{firstUser.Id}", JsonContent.Create(new { roles = new[] { "user" } }));
        await WaitUntilBlockedAsync(database, 2, demoteSecond, demoteFirst);
        await hold.CommitAsync();
        var responses = await Task.WhenAll(demoteSecond, demoteFirst);

        var statuses = responses.Select(r => r.StatusCode).OrderBy(s => s).ToArray();
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], statuses);
        Assert.Equal(1, await ActiveAdminsAsync());
    }

    /// <summary>Waits (no time limit asserted) until <paramref name="count"/> backends of the database wait for a lock, or a request ended.</summary>
    private async Task WaitUntilBlockedAsync(string database, int count, params Task[] requests)
    {
        // As the superuser: the owner role may not see the wait events of the application role's backends.
        await using var monitor = new NpgsqlConnection((await PostgresServer.InstanceAsync()).SuperuserConnectionString(database));
        await monitor.OpenAsync();
        while (requests.All(r => !r.IsCompleted)
            && await monitor.ExecuteScalarAsync<long>(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = @Database AND wait_event_type = 'Lock'", new { Database = database }) < count)
        {
            await Task.Delay(20);
        }
    }

    private Task<long> ActiveAdminsAsync() =>
        _factory.ScalarAsync<long>("SELECT count(*) FROM users WHERE deleted_at IS NULL AND is_active AND 'admin' = ANY(roles)");
}
