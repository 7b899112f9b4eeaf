using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.ApiKeys;

public sealed partial class ApiKeyTests : IClassFixture<CatalogApiFactory>
{
    private readonly CatalogApiFactory _factory;

    public ApiKeyTests(CatalogApiFactory factory) => _factory = factory
        .WithSetting("ApiKeys:CacheSeconds", "0")
        .WithSetting("ApiKeys:UsageFlushSeconds", "1");

    [Fact]
    public async Task Create_ShowsTheKeyOnce_StoresOnlyPrefixAndHash_AndTheKeyAuthenticates()
    {
        var (admin, _) = await _factory.CreateClientAsAsync("admin");
        var response = await admin.PostJsonAsync("/api/v1/api-keys", new { name = "partner", permissions = new[] { "users:read", "permissions:read" }, rateLimit = 50 });
        var created = await response.AssertStatusAsync(HttpStatusCode.Created);
        var key = created.GetProperty("key").GetString()!;
        Assert.Matches(KeyPattern(), key);
        Assert.StartsWith(created.GetProperty("prefix").GetString()!, key, StringComparison.Ordinal);
        Assert.Equal(50, created.GetProperty("rateLimit").GetInt32());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var id = created.GetProperty("id").GetGuid();

        Assert.Equal(0, await _factory.ScalarAsync<long>("SELECT count(*) FROM api_keys WHERE key_hash = @K OR prefix = @K", new { K = key }));
        Assert.Equal(64, (await _factory.ScalarAsync<string>("SELECT key_hash FROM api_keys WHERE id = @Id", new { Id = id }))!.Length);

        var list = await (await admin.GetAsync("/api/v1/api-keys")).AssertStatusAsync(HttpStatusCode.OK);
        var listed = list.GetProperty("items").EnumerateArray().Single();
        Assert.False(listed.TryGetProperty("key", out _));
        Assert.False(listed.TryGetProperty("keyHash", out _));
        var single = await (await admin.GetAsync($"/api/v1/api-keys/{id}")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(key, single.GetRawText(), StringComparison.Ordinal);

        var keyClient = _factory.WithApiKey(key);
        Assert.Equal(HttpStatusCode.OK, (await keyClient.GetAsync("/api/v1/permissions")).StatusCode);
        await (await keyClient.PostJsonAsync("/api/v1/brands", new { name = "nope" })).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(1, await _factory.AuditCountAsync("api_key.created", id));
    }

    [Fact]
    public async Task LastUsedAt_IsWrittenInBatches()
    {
        var (admin, _) = await _factory.CreateClientAsAsync("admin");
        var created = await (await admin.PostJsonAsync("/api/v1/api-keys", new { name = "usage", permissions = new[] { "permissions:read" } })).AssertStatusAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        var keyClient = _factory.WithApiKey(created.GetProperty("key").GetString());
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await keyClient.GetAsync("/api/v1/permissions")).StatusCode);
        }

        DateTime? lastUsed = null;
        for (var attempt = 0; attempt < 30 && lastUsed is null; attempt++)
        {
            await Task.Delay(200);
            lastUsed = await _factory.ScalarAsync<DateTime?>("SELECT last_used_at FROM api_keys WHERE id = @Id", new { Id = id });
        }

        Assert.NotNull(lastUsed);
    }

    [Fact]
    public async Task PermissionsBeyondTheCreator_Are403_AndUnknownOnesAre400()
    {
        var (manager, _) = await _factory.CreateClientAsAsync("admin");
        var role = "keymaker_" + Guid.NewGuid().ToString("N")[..6];
        await (await manager.PutAsJsonAsync($"/api/v1/roles/{role}/permissions", new { permissions = new[] { "api_keys:write", "api_keys:read", "products:read" } })).AssertStatusAsync(HttpStatusCode.OK);
        var (keymaker, _) = await _factory.CreateClientAsAsync(role);
        await (await keymaker.PostJsonAsync("/api/v1/api-keys", new { name = "too much", permissions = new[] { "users:delete" } })).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await keymaker.PostJsonAsync("/api/v1/api-keys", new { name = "bogus", permissions = new[] { "made:up" } })).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await keymaker.PostJsonAsync("/api/v1/api-keys", new { name = "fine", permissions = new[] { "products:read" } })).AssertStatusAsync(HttpStatusCode.Created);
        await (await keymaker.PostJsonAsync("/api/v1/api-keys", new { name = "past", permissions = Array.Empty<string>(), expiresAt = DateTimeOffset.UtcNow.AddDays(-1) })).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await keymaker.PostJsonAsync("/api/v1/api-keys", new { name = "", permissions = Array.Empty<string>(), rateLimit = 0 })).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AnApiKey_CannotManageApiKeys()
    {
        var keyClient = await _factory.CreateApiKeyClientAsync("api_keys:write", "api_keys:read");
        await (await keyClient.PostJsonAsync("/api/v1/api-keys", new { name = "child", permissions = Array.Empty<string>() })).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await keyClient.PatchAsync($"/api/v1/users/{Guid.NewGuid()}", System.Net.Http.Json.JsonContent.Create(new { isActive = false }))).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Rotate_GivesANewKey_AndTheOldOneStopsWorking()
    {
        var (admin, _) = await _factory.CreateClientAsAsync("admin");
        var created = await (await admin.PostJsonAsync("/api/v1/api-keys", new { name = "rotating", permissions = new[] { "permissions:read" } })).AssertStatusAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        var oldKey = created.GetProperty("key").GetString();
        Assert.Equal(HttpStatusCode.OK, (await _factory.WithApiKey(oldKey).GetAsync("/api/v1/permissions")).StatusCode);

        var rotated = await (await admin.PostAsync($"/api/v1/api-keys/{id}/rotate", null)).AssertStatusAsync(HttpStatusCode.OK);
        var newKey = rotated.GetProperty("key").GetString();
        Assert.NotEqual(oldKey, newKey);
        await (await _factory.WithApiKey(oldKey).GetAsync("/api/v1/permissions")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await _factory.WithApiKey(newKey).GetAsync("/api/v1/permissions")).StatusCode);
        Assert.Equal(1, await _factory.AuditCountAsync("api_key.rotated", id));
    }

    [Fact]
    public async Task Revoke_Is204_ThenTheKeyIs401AndGone()
    {
        var (admin, _) = await _factory.CreateClientAsAsync("admin");
        var created = await (await admin.PostJsonAsync("/api/v1/api-keys", new { name = "doomed", permissions = new[] { "permissions:read" } })).AssertStatusAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/api-keys/{id}")).StatusCode);
        await (await _factory.WithApiKey(created.GetProperty("key").GetString()).GetAsync("/api/v1/permissions")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await admin.GetAsync($"/api/v1/api-keys/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(1, await _factory.ScalarAsync<long>("SELECT count(*) FROM api_keys WHERE id = @Id AND deleted_at IS NOT NULL AND revoked_at IS NOT NULL", new { Id = id }));
        Assert.Equal(1, await _factory.AuditCountAsync("api_key.revoked", id));
    }

    [Fact]
    public async Task SomeoneElsesKey_Is404ForGetRotateAndDelete()
    {
        var (owner, _) = await _factory.CreateClientAsAsync("admin");
        var created = await (await owner.PostJsonAsync("/api/v1/api-keys", new { name = "mine", permissions = new[] { "permissions:read" } })).AssertStatusAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        var (other, _) = await _factory.CreateClientAsAsync("admin");

        await (await other.GetAsync($"/api/v1/api-keys/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await other.PostAsync($"/api/v1/api-keys/{id}/rotate", null)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await other.DeleteAsync($"/api/v1/api-keys/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty((await (await other.GetAsync("/api/v1/api-keys")).AssertStatusAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, (await _factory.WithApiKey(created.GetProperty("key").GetString()).GetAsync("/api/v1/permissions")).StatusCode);
    }

    [Fact]
    public async Task MalformedTamperedOrExpiredKeys_Are401()
    {
        var (admin, _) = await _factory.CreateClientAsAsync("admin");
        var created = await (await admin.PostJsonAsync("/api/v1/api-keys", new { name = "victim", permissions = new[] { "permissions:read" } })).AssertStatusAsync(HttpStatusCode.Created);
        var key = created.GetProperty("key").GetString()!;
        var flipped = key[..30] + (key[30] == 'a' ? 'b' : 'a') + key[31..];
        foreach (var bad in new[] { "garbage", key + "x", flipped, "ck_live_" + new string('A', 12) + "_" + new string('B', 32) + "_000000" })
        {
            await (await _factory.WithApiKey(bad).GetAsync("/api/v1/permissions")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        }

        await _factory.ExecuteAsync("UPDATE api_keys SET expires_at = now() - interval '1 minute' WHERE id = @Id", new { Id = created.GetProperty("id").GetGuid() });
        await (await _factory.WithApiKey(key).GetAsync("/api/v1/permissions")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [GeneratedRegex("^ck_live_[0-9A-Za-z]{12}_[0-9A-Za-z]{32}_[0-9A-Za-z]{6}$")]
    private static partial Regex KeyPattern();
}
