using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.Audit;

/// <summary>
/// Every state-changing command and every security event leaves its entry, tied to the request that caused it
/// (its X-Request-Id), the acting user, the resource and the answered status.
/// </summary>
public sealed class AuditCoverageTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    /// <summary>The entry the last <see cref="StepAsync"/> found, for checks beyond the common ones.</summary>
    private AuditRow? _lastRow;

    /// <summary>Passed as the expected user when the test checks it after the step (the id is not known before).</summary>
    private static readonly Guid Unchecked = Guid.Empty;

    [Fact]
    public async Task ProductCommands_EachLeaveTheirEntry_WithTheirRequestId()
    {
        var (client, user) = await factory.CreateClientAsAsync("catalog_manager");
        var sku = "AUD-" + Guid.NewGuid().ToString("N")[..10];

        var (created, etag) = await StepAsync(client, HttpMethod.Post, "/api/v1/products", "product.created", user.Id, 201,
            body: new { name = "Audited Lamp", sku, price = 10.00m, stockQuantity = 5 });
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal(id, _lastRow!.ResourceId);

        (_, etag) = await StepAsync(client, HttpMethod.Put, $"/api/v1/products/{id}", "product.updated", user.Id, 200, id,
            new { name = "Audited Lamp II", sku, price = 12.50m, stockQuantity = 5 }, etag);
        (_, etag) = await StepAsync(client, HttpMethod.Post, $"/api/v1/products/{id}/submit-for-review", "product.submitted_for_review", user.Id, 200, id);
        (_, etag) = await StepAsync(client, HttpMethod.Post, $"/api/v1/products/{id}/reject", "product.rejected", user.Id, 200, id, new { remark = "Needs a photo" });
        (_, etag) = await StepAsync(client, HttpMethod.Post, $"/api/v1/products/{id}/submit-for-review", "product.submitted_for_review", user.Id, 200, id);
        (_, etag) = await StepAsync(client, HttpMethod.Post, $"/api/v1/products/{id}/publish", "product.published", user.Id, 200, id);
        (_, etag) = await StepAsync(client, HttpMethod.Post, $"/api/v1/products/{id}/unpublish", "product.unpublished", user.Id, 200, id);
        await StepAsync(client, HttpMethod.Post, $"/api/v1/products/{id}/stock", "product.stock_adjusted", user.Id, 200, id, new { delta = 3, reason = "recount" });
        etag = await CurrentETagAsync(client, $"/api/v1/products/{id}");
        await StepAsync(client, HttpMethod.Delete, $"/api/v1/products/{id}", "product.deleted", user.Id, 204, id, ifMatch: etag);
        (_, etag) = await StepAsync(client, HttpMethod.Post, $"/api/v1/products/{id}/restore", "product.restored", user.Id, 200, id);
        await StepAsync(client, HttpMethod.Post, $"/api/v1/products/{id}/archive", "product.archived", user.Id, 200, id);
        await StepAsync(client, HttpMethod.Post, $"/api/v1/products/{id}/unarchive", "product.unarchived", user.Id, 200, id);
    }

    [Fact]
    public async Task CategoryAndBrandCommands_EachLeaveTheirEntry_WithTheirRequestId()
    {
        var (client, user) = await factory.CreateClientAsAsync("catalog_manager");
        var suffix = Guid.NewGuid().ToString("N")[..8];

        var (parent, _) = await StepAsync(client, HttpMethod.Post, "/api/v1/categories", "category.created", user.Id, 201,
            body: new { name = "Audit Parent " + suffix });
        var parentId = parent.GetProperty("id").GetGuid();
        var (child, childTag) = await StepAsync(client, HttpMethod.Post, "/api/v1/categories", "category.created", user.Id, 201,
            body: new { name = "Audit Child " + suffix });
        var childId = child.GetProperty("id").GetGuid();
        (_, childTag) = await StepAsync(client, HttpMethod.Put, $"/api/v1/categories/{childId}", "category.updated", user.Id, 200, childId,
            new { name = "Audit Child Renamed " + suffix, sortOrder = 2 }, childTag);
        (_, childTag) = await StepAsync(client, HttpMethod.Post, $"/api/v1/categories/{childId}/move", "category.moved", user.Id, 200, childId,
            new { parentId, sortOrder = 1 }, childTag);
        await StepAsync(client, HttpMethod.Delete, $"/api/v1/categories/{childId}", "category.deleted", user.Id, 204, childId, ifMatch: childTag);
        await StepAsync(client, HttpMethod.Post, $"/api/v1/categories/{childId}/restore", "category.restored", user.Id, 200, childId);

        var (brand, brandTag) = await StepAsync(client, HttpMethod.Post, "/api/v1/brands", "brand.created", user.Id, 201,
            body: new { name = "Audit Brand " + suffix });
        var brandId = brand.GetProperty("id").GetGuid();
        (_, brandTag) = await StepAsync(client, HttpMethod.Put, $"/api/v1/brands/{brandId}", "brand.updated", user.Id, 200, brandId,
            new { name = "Audit Brand Renamed " + suffix, websiteUrl = "https://brand.example" }, brandTag);
        await StepAsync(client, HttpMethod.Delete, $"/api/v1/brands/{brandId}", "brand.deleted", user.Id, 204, brandId, ifMatch: brandTag);
        await StepAsync(client, HttpMethod.Post, $"/api/v1/brands/{brandId}/restore", "brand.restored", user.Id, 200, brandId);
    }

    [Fact]
    public async Task ReviewCommands_EachLeaveTheirEntry_WithTheirRequestId()
    {
        var (manager, _) = await factory.CreateClientAsAsync("catalog_manager");
        var productId = await PublishedProductAsync(manager);
        var (author, authorUser) = await factory.CreateClientAsAsync("user");
        var (voter, voterUser) = await factory.CreateClientAsAsync("user");
        var (moderator, moderatorUser) = await factory.CreateClientAsAsync("moderator");

        var (review, _) = await StepAsync(author, HttpMethod.Post, $"/api/v1/products/{productId}/reviews", "review.created", authorUser.Id, 201,
            body: new { rating = 4, title = "Good", comment = "Bright enough" });
        var reviewId = review.GetProperty("id").GetGuid();
        await StepAsync(author, HttpMethod.Patch, $"/api/v1/reviews/{reviewId}", "review.updated", authorUser.Id, 200, reviewId, new { rating = 5 });
        await StepAsync(voter, HttpMethod.Post, $"/api/v1/reviews/{reviewId}/helpful", "review.helpful", voterUser.Id, 200, reviewId);
        await StepAsync(moderator, HttpMethod.Delete, $"/api/v1/reviews/{reviewId}", "review.moderated", moderatorUser.Id, 204, reviewId);
        await StepAsync(moderator, HttpMethod.Post, $"/api/v1/reviews/{reviewId}/restore", "review.restored", moderatorUser.Id, 200, reviewId);
        await StepAsync(moderator, HttpMethod.Delete, $"/api/v1/reviews/{reviewId}", "review.moderated", moderatorUser.Id, 204, reviewId);

        var (second, _) = await StepAsync(voter, HttpMethod.Post, $"/api/v1/products/{productId}/reviews", "review.created", voterUser.Id, 201,
            body: new { rating = 2 });
        var secondId = second.GetProperty("id").GetGuid();
        await StepAsync(voter, HttpMethod.Delete, $"/api/v1/reviews/{secondId}", "review.deleted", voterUser.Id, 204, secondId);
    }

    [Fact]
    public async Task AccountAndAccessCommands_EachLeaveTheirEntry_WithTheirRequestId()
    {
        var (admin, adminUser) = await factory.CreateClientAsAsync("admin");
        var target = await factory.CreateUserAsync();
        var anonymous = factory.CreateClient();

        await StepAsync(admin, HttpMethod.Patch, $"/api/v1/users/{target.Id}", "user.updated", adminUser.Id, 200, target.Id, new { roles = new[] { "user", "editor" } });
        await StepAsync(admin, HttpMethod.Delete, $"/api/v1/users/{target.Id}/sessions", "session.ended_all", adminUser.Id, 204, target.Id);
        await StepAsync(admin, HttpMethod.Put, "/api/v1/roles/moderator/permissions", "role.permissions_changed", adminUser.Id, 200, null,
            new { permissions = new[] { "reviews:moderate", "products:read" } });
        await StepAsync(admin, HttpMethod.Put, "/api/v1/roles/moderator/permissions", "role.permissions_changed", adminUser.Id, 200, null,
            new { permissions = new[] { "reviews:moderate" } });

        var (key, _) = await StepAsync(admin, HttpMethod.Post, "/api/v1/api-keys", "api_key.created", adminUser.Id, 201,
            body: new { name = "audited key", permissions = new[] { "products:read" } });
        var keyId = key.GetProperty("id").GetGuid();
        Assert.Equal(keyId, _lastRow!.ResourceId);
        Assert.DoesNotContain(key.GetProperty("key").GetString()!, (_lastRow.Changes ?? string.Empty) + _lastRow.Metadata, StringComparison.Ordinal);
        var (rotated, _) = await StepAsync(admin, HttpMethod.Post, $"/api/v1/api-keys/{keyId}/rotate", "api_key.rotated", adminUser.Id, 200, keyId);
        Assert.DoesNotContain(rotated.GetProperty("key").GetString()!, (_lastRow!.Changes ?? string.Empty) + _lastRow.Metadata, StringComparison.Ordinal);
        await StepAsync(admin, HttpMethod.Delete, $"/api/v1/api-keys/{keyId}", "api_key.revoked", adminUser.Id, 204, keyId);

        await StepAsync(admin, HttpMethod.Delete, $"/api/v1/users/{target.Id}", "user.deleted", adminUser.Id, 204, target.Id);

        var email = $"audit-{Guid.NewGuid():N}@example.com";
        var (registered, _) = await StepAsync(anonymous, HttpMethod.Post, "/api/v1/auth/register", "user.registered", Unchecked, 201,
            body: new { email, password = IdentityTestHelpers.Password });
        var newUserId = registered.GetProperty("id").GetGuid();
        Assert.Equal(newUserId, _lastRow!.ResourceId);
        Assert.Equal(newUserId, _lastRow.UserId);
        var verification = await factory.TokenFromLatestMailAsync(email);
        await StepAsync(anonymous, HttpMethod.Post, "/api/v1/auth/verify-email", "auth.email_verified", newUserId, 204, newUserId, new { token = verification });
    }

    [Fact]
    public async Task SecurityEvents_EachLeaveTheirEntry_WithTheirRequestId()
    {
        var user = await factory.CreateUserAsync();
        var anonymous = factory.CreateClient();

        await StepAsync(anonymous, HttpMethod.Post, "/api/v1/auth/login", "auth.login_failed", user.Id, 401, body: new { email = user.Email, password = "not the password at all" });
        var (tokens, _) = await StepAsync(anonymous, HttpMethod.Post, "/api/v1/auth/login", "auth.login_succeeded", user.Id, 200, user.Id,
            new { email = user.Email, password = IdentityTestHelpers.Password });
        var firstRefresh = tokens.GetProperty("refreshToken").GetString()!;
        var (rotated, _) = await SendAsync(anonymous, HttpMethod.Post, "/api/v1/auth/refresh", new { refreshToken = firstRefresh });
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        await StepAsync(anonymous, HttpMethod.Post, "/api/v1/auth/refresh", "auth.refresh_reused", user.Id, 401, body: new { refreshToken = firstRefresh });

        var (second, _) = await StepAsync(anonymous, HttpMethod.Post, "/api/v1/auth/login", "auth.login_succeeded", user.Id, 200, user.Id,
            new { email = user.Email, password = IdentityTestHelpers.Password });
        var signedIn = factory.WithBearer(second.GetProperty("accessToken").GetString());
        await StepAsync(signedIn, HttpMethod.Patch, "/api/v1/me", "user.profile_updated", user.Id, 200, user.Id, new { firstName = "Audrey" });
        await StepAsync(signedIn, HttpMethod.Post, "/api/v1/me/password", "auth.password_change_failed", user.Id, 400, user.Id,
            new { currentPassword = "wrong current password", newPassword = "a brand new passphrase 1" });
        await StepAsync(signedIn, HttpMethod.Post, "/api/v1/me/password", "auth.password_changed", user.Id, 204, user.Id,
            new { currentPassword = IdentityTestHelpers.Password, newPassword = "a brand new passphrase 1" });

        await StepAsync(anonymous, HttpMethod.Post, "/api/v1/auth/forgot-password", "auth.password_reset_requested", null, 202, user.Id, new { email = user.Email });
        var resetToken = await factory.TokenFromLatestMailAsync(user.Email);
        await StepAsync(anonymous, HttpMethod.Post, "/api/v1/auth/reset-password", "auth.password_reset", user.Id, 204, user.Id,
            new { token = resetToken, newPassword = "yet another passphrase 2" });

        var (third, _) = await SendAsync(anonymous, HttpMethod.Post, "/api/v1/auth/login", new { email = user.Email, password = "yet another passphrase 2" });
        var thirdBody = JsonDocument.Parse(await third.Content.ReadAsStringAsync()).RootElement;
        var session = factory.WithBearer(thirdBody.GetProperty("accessToken").GetString());
        var sessions = JsonDocument.Parse(await session.GetStringAsync("/api/v1/me/sessions")).RootElement;
        var current = sessions.EnumerateArray().Single(s => s.GetProperty("current").GetBoolean()).GetProperty("id").GetGuid();
        await StepAsync(anonymous, HttpMethod.Post, "/api/v1/auth/logout", "session.ended", user.Id, 204, current,
            new { refreshToken = thirdBody.GetProperty("refreshToken").GetString() });
    }

    [Fact]
    public async Task Lockout_LeavesItsEntry_OnTheRequestThatLockedTheAccount()
    {
        var user = await factory.CreateUserAsync();
        var anonymous = factory.CreateClient();
        for (var attempt = 1; attempt < 5; attempt++)
        {
            await StepAsync(anonymous, HttpMethod.Post, "/api/v1/auth/login", "auth.login_failed", user.Id, 401, body: new { email = user.Email, password = "wrong password " + attempt });
        }

        await StepAsync(anonymous, HttpMethod.Post, "/api/v1/auth/login", "auth.lockout", user.Id, 401, user.Id, new { email = user.Email, password = "wrong password 5" });
    }

    [Fact]
    public async Task RefusedBackOfficeCalls_LeaveUnauthorizedAndForbiddenEvents_WithTheirRequestId()
    {
        var (plain, plainUser) = await factory.CreateClientAsAsync("user");

        await StepAsync(factory.CreateClient(), HttpMethod.Get, "/api/v1/users", "security.unauthorized", null, 401);
        await StepAsync(plain, HttpMethod.Get, "/api/v1/audit-logs", "security.forbidden", plainUser.Id, 403);
    }

    /// <summary>
    /// Sends one request with a fresh X-Request-Id, checks its status, and asserts that exactly one audit entry
    /// with <paramref name="action"/> carries that request id, the acting user, the resource and the status.
    /// </summary>
    private async Task<(JsonElement Body, string? ETag)> StepAsync(
        HttpClient client, HttpMethod method, string url, string action, Guid? userId, int status,
        Guid? resourceId = null, object? body = null, string? ifMatch = null)
    {
        var (response, requestId) = await SendAsync(client, method, url, body, ifMatch);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"{method} {url}: expected {status}, got {(int)response.StatusCode}: {text}");

        var rows = await AuditRows.ByRequestIdAsync(factory.ConnectionString, requestId);
        var row = Assert.Single(rows, r => r.Action == action);
        if (userId != Unchecked)
        {
            Assert.Equal(userId, row.UserId);
        }

        Assert.Equal(status, row.StatusCode);
        Assert.Equal("AuditTests/1.0", row.UserAgent);
        Assert.NotNull(row.DurationMs);
        if (resourceId is not null)
        {
            Assert.Equal(resourceId, row.ResourceId);
        }

        _lastRow = row;
        var json = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (json, response.Headers.ETag?.ToString());
    }

    private static async Task<(HttpResponseMessage Response, string RequestId)> SendAsync(
        HttpClient client, HttpMethod method, string url, object? body = null, string? ifMatch = null)
    {
        var request = AuditRows.Request(method, url, out var requestId, body);
        if (ifMatch is not null)
        {
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(ifMatch));
        }

        return (await client.SendAsync(request), requestId);
    }

    private static async Task<string> CurrentETagAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.ETag!.ToString();
    }

    private static async Task<Guid> PublishedProductAsync(HttpClient manager)
    {
        var create = await manager.PostJsonAsync("/api/v1/products", new { name = "Reviewed " + Guid.NewGuid().ToString("N")[..6], price = 5m, stockQuantity = 1 });
        var id = (await create.AssertStatusAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await (await manager.PostAsync($"/api/v1/products/{id}/publish", null)).AssertStatusAsync(HttpStatusCode.OK);
        return id;
    }
}
