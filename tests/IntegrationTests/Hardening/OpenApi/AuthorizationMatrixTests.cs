using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Catalog.Domain.Users;
using Catalog.IntegrationTests.Infrastructure;
using Catalog.IntegrationTests.Products;
using Xunit.Abstractions;

namespace Catalog.IntegrationTests.Hardening.OpenApi;

/// <summary>
/// Every operation of <c>/openapi/v1.json</c> × every kind of caller → the answer api-v1.md's roles and permissions
/// prescribe: 2xx for those allowed, 401 for the anonymous, 403 for those lacking the permission (API keys for account
/// actions), 403/404 for another user's session, review or API key. The table is keyed by <see cref="OpenApiOperation.Key"/>:
/// an operation without a row, or a row without an operation, fails the test.
/// </summary>
public sealed class AuthorizationMatrixTests(CatalogApiFactory factory, ITestOutputHelper output) : IClassFixture<CatalogApiFactory>
{
    private const string Password = IdentityTestHelpers.Password;

    public enum Caller { Anonymous, User, Editor, CatalogManager, Moderator, Admin, KeyWithPermission, KeyWithoutPermission, OtherUsersResource }

    private static readonly Dictionary<Caller, string> RoleOf = new()
    {
        [Caller.User] = "user", [Caller.Editor] = "editor", [Caller.CatalogManager] = "catalog_manager",
        [Caller.Moderator] = "moderator", [Caller.Admin] = "admin",
    };

    // api-v1.md, "Permissions and roles".
    private static readonly Dictionary<string, string[]> RolePermissions = new(StringComparer.Ordinal)
    {
        ["user"] = [],
        ["editor"] = ["products:read", "products:write", "categories:write", "brands:write"],
        ["catalog_manager"] = ["products:read", "products:write", "products:delete", "products:publish", "categories:write", "categories:delete", "brands:write", "brands:delete"],
        ["moderator"] = ["reviews:moderate"],
        ["admin"] = ["*"],
    };

    /// <summary>Who may call an operation: anyone; any signed-in caller; or holders of a permission. UsersOnly refuses API keys.</summary>
    private sealed record Access(string? Permission, bool Public = false, bool UsersOnly = false, bool AuthorOrModerator = false, bool Owned = false);

    private static readonly Access Anyone = new(null, Public: true);
    private static readonly Access SignedInPerson = new(null, UsersOnly: true);

    private static Access Needs(string permission, bool usersOnly = false) => new(permission, UsersOnly: usersOnly);

    /// <summary>One caller about to make one request: its client, its user (none for the anonymous and keys).</summary>
    private sealed record Actor(Caller Caller, HttpClient Client, User? User);

    private sealed record Probe(HttpMethod Method, string Url, HttpContent? Body = null, string? IfMatch = null);

    private sealed record Row(string Key, Access Access, Func<Actor, Task<Probe>> Build);

    private HttpClient _admin = null!;
    private readonly Dictionary<Caller, Actor> _actors = [];
    private Actor _otherUser = null!;
    private Actor _otherAdmin = null!;
    private User _keyOwner = null!;
    private HttpClient _keyOwnerClient = null!;
    private readonly Dictionary<string, HttpClient> _keysByPermission = new(StringComparer.Ordinal);
    private string _jobName = null!;
    private string _productId = null!;

    [Fact]
    public async Task EveryOperation_WhenCalledByEachKindOfCaller_AnswersWhatItsPermissionPrescribes()
    {
        await ArrangeAsync();
        var operations = await OpenApiOperations.LoadAsync(factory.CreateClient());
        var rows = Rows().ToDictionary(r => r.Key, StringComparer.Ordinal);
        var keys = operations.All.Select(o => o.Key).ToHashSet(StringComparer.Ordinal);
        var withoutRow = keys.Where(k => !rows.ContainsKey(k)).ToList();
        var withoutOperation = rows.Keys.Where(k => !keys.Contains(k)).ToList();
        Assert.True(withoutRow.Count == 0, "Operations without a row in the authorization matrix: " + string.Join(", ", withoutRow));
        Assert.True(withoutOperation.Count == 0, "Matrix rows without an operation in the OpenAPI document: " + string.Join(", ", withoutOperation));

        var failures = new List<string>();
        int cells = 0, unexpected2xx = 0, unexpectedRefusals = 0;
        foreach (var row in Rows())
        {
            foreach (var caller in Enum.GetValues<Caller>())
            {
                if (caller == Caller.OtherUsersResource && !row.Access.Owned)
                {
                    continue;
                }

                var actor = await ActorForAsync(row, caller);
                var probe = await row.Build(actor);
                var status = await SendAsync(actor.Client, probe);
                var expected = Expected(row.Access, caller, actor.Caller == Caller.KeyWithPermission);
                cells++;
                if (!expected.Contains(status))
                {
                    failures.Add($"{row.Key} as {caller}: expected {string.Join("/", expected.Distinct())}, got {status}");
                    unexpected2xx += status is >= 200 and < 300 ? 1 : 0;
                    unexpectedRefusals += status is 401 or 403 ? 1 : 0;
                }
            }
        }

        output.WriteLine($"{rows.Count} operations × callers: {cells} cells checked; unexpected 2xx: {unexpected2xx}; unexpected 401/403: {unexpectedRefusals}; other mismatches: {failures.Count - unexpected2xx - unexpectedRefusals}");
        Assert.True(failures.Count == 0, $"{failures.Count} of {cells} cells differ:\n" + string.Join('\n', failures));
    }

    private static int[] Expected(Access access, Caller caller, bool keyHoldsPermission)
    {
        int[] success = [200, 201, 202, 204];
        if (access.Public)
        {
            return success;
        }

        return caller switch
        {
            Caller.Anonymous => [401],
            Caller.OtherUsersResource => [403, 404],
            Caller.KeyWithPermission or Caller.KeyWithoutPermission when access.UsersOnly => [403],
            Caller.KeyWithPermission or Caller.KeyWithoutPermission => keyHoldsPermission ? success : [403],
            _ when access.Permission is null || access.AuthorOrModerator => success,
            _ => RolePermissions[RoleOf[caller]] is var held && (held.Contains("*") || held.Contains(access.Permission)) ? success : [403],
        };
    }

    private async Task<Actor> ActorForAsync(Row row, Caller caller)
    {
        switch (caller)
        {
            case Caller.KeyWithPermission:
                return new Actor(caller, KeyHolding(row.Access.AuthorOrModerator ? "reviews:moderate" : row.Access.Permission ?? "products:read"), null);
            case Caller.KeyWithoutPermission:
                // A key holding some other permission: the one that does not unlock this operation.
                var other = row.Access.Permission == "reviews:moderate" || row.Access.AuthorOrModerator ? "products:read" : "reviews:moderate";
                return new Actor(Caller.KeyWithoutPermission, KeyHolding(other), null);
            case Caller.OtherUsersResource:
                return row.Key.Contains("/api-keys", StringComparison.Ordinal) ? _otherAdmin : _otherUser;
            case Caller.Anonymous:
                return _actors[caller];
            default:
                // Changing one's password ends the sessions: that row gets a caller of its own.
                if (row.Key == "POST /api/v1/me/password")
                {
                    var (client, user) = await factory.CreateClientAsAsync(RoleOf[caller]);
                    return new Actor(caller, client, user);
                }

                return _actors[caller];
        }
    }

    private HttpClient KeyHolding(string permission) => _keysByPermission[permission];

    private async Task ArrangeAsync()
    {
        (_admin, _) = await factory.CreateClientAsAsync("admin");
        _actors[Caller.Anonymous] = new Actor(Caller.Anonymous, factory.CreateClient(), null);
        foreach (var (caller, role) in RoleOf)
        {
            var (client, user) = await factory.CreateClientAsAsync(role);
            _actors[caller] = new Actor(caller, client, user);
        }

        var (otherUserClient, otherUser) = await factory.CreateClientAsAsync("user");
        _otherUser = new Actor(Caller.OtherUsersResource, otherUserClient, otherUser);
        var (otherAdminClient, otherAdmin) = await factory.CreateClientAsAsync("admin");
        _otherAdmin = new Actor(Caller.OtherUsersResource, otherAdminClient, otherAdmin);

        // Every key is created by one admin, so "the key's own resources" are that admin's.
        (_keyOwnerClient, _keyOwner) = await factory.CreateClientAsAsync("admin");
        string[] permissions =
        [
            "users:read", "users:write", "users:delete", "products:read", "products:write", "products:delete", "products:publish",
            "categories:write", "categories:delete", "brands:write", "brands:delete", "reviews:moderate", "api_keys:read",
            "api_keys:write", "audit_logs:read", "permissions:read", "permissions:write", "jobs:read", "jobs:run", "database:read",
        ];
        foreach (var permission in permissions)
        {
            var created = await (await _keyOwnerClient.PostJsonAsync("/api/v1/api-keys", new { name = "matrix " + permission, permissions = new[] { permission } }))
                .AssertStatusAsync(HttpStatusCode.Created);
            _keysByPermission[permission] = factory.WithApiKey(created.GetProperty("key").GetString());
        }

        var jobs = await (await _admin.GetAsync("/api/v1/admin/jobs")).AssertStatusAsync(HttpStatusCode.OK);
        _jobName = jobs[0].GetProperty("name").GetString()!;
        _productId = (await PublishedProductAsync()).Id;
    }

    private static async Task<int> SendAsync(HttpClient client, Probe probe)
    {
        using var request = new HttpRequestMessage(probe.Method, probe.Url) { Content = probe.Body };
        if (probe.IfMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", probe.IfMatch);
        }

        using var response = await client.SendAsync(request);
        return (int)response.StatusCode;
    }

    private static JsonContent Body(object value) => JsonContent.Create(value, options: HttpAssertions.Json);

    private static string Unique(string prefix) => prefix + " " + Guid.NewGuid().ToString("N")[..8];

    // ---- fresh resources, made by an admin for the cell that will act on them ----

    private async Task<(string Id, string ETag)> ProductAsync(string? then = null)
    {
        var (product, etag) = await _admin.CreateProductAsync(new { name = Unique("Matrix product"), price = 10, stockQuantity = 3 });
        if (then is not null)
        {
            var response = await _admin.PostJsonAsync($"/api/v1/products/{product.Id()}/{then}", new { });
            await response.AssertStatusAsync(HttpStatusCode.OK);
            etag = response.Headers.ETag?.ToString() ?? etag;
        }

        return (product.Id(), etag);
    }

    private Task<(string Id, string ETag)> PublishedProductAsync() => ProductAsync("publish");

    private async Task<(string Id, string ETag)> DeletedProductAsync()
    {
        var (id, etag) = await ProductAsync();
        await (await _admin.SendAsync(HttpMethod.Delete, $"/api/v1/products/{id}", ifMatch: etag)).AssertStatusAsync(HttpStatusCode.NoContent);
        return (id, etag);
    }

    private async Task<(string Id, string ETag)> CreatedAsync(string url, object body)
    {
        var response = await _admin.PostJsonAsync(url, body);
        var created = await response.AssertStatusAsync(HttpStatusCode.Created);
        return (created.Id(), response.ETagOf());
    }

    private Task<(string Id, string ETag)> BrandAsync() => CreatedAsync("/api/v1/brands", new { name = Unique("Matrix brand") });

    private Task<(string Id, string ETag)> CategoryAsync() => CreatedAsync("/api/v1/categories", new { name = Unique("Matrix category") });

    private async Task<string> DeletedAsync(string url, Func<Task<(string Id, string ETag)>> create)
    {
        var (id, etag) = await create();
        await (await _admin.SendAsync(HttpMethod.Delete, $"{url}/{id}", ifMatch: etag)).AssertStatusAsync(HttpStatusCode.NoContent);
        return id;
    }

    /// <summary>A review by a throwaway user that a moderator (the admin) removed: restorable.</summary>
    private async Task<string> ModeratedReviewAsync()
    {
        var (author, _) = await factory.CreateClientAsAsync("user");
        var review = await ReviewByAsync(new Actor(Caller.User, author, null));
        await (await _admin.SendAsync(HttpMethod.Delete, $"/api/v1/reviews/{review}")).AssertStatusAsync(HttpStatusCode.NoContent);
        return review;
    }

    /// <summary>A review written by <paramref name="author"/> (a person), or by a throwaway user when the caller has no user.</summary>
    private async Task<string> ReviewByAsync(Actor author)
    {
        var (productId, _) = await PublishedProductAsync();
        var client = author.User is null || author.Caller == Caller.Anonymous ? (await factory.CreateClientAsAsync("user")).Client : author.Client;
        var review = await (await client.PostJsonAsync($"/api/v1/products/{productId}/reviews", new { rating = 4, title = "Matrix" }))
            .AssertStatusAsync(HttpStatusCode.Created);
        return review.Id();
    }

    /// <summary>The review an actor acts on: its own, or for the other-user cell the ordinary user's.</summary>
    private Task<string> ReviewForAsync(Actor actor) =>
        ReviewByAsync(actor.Caller == Caller.OtherUsersResource ? _actors[Caller.User] : actor);

    /// <summary>A key the actor owns (a key caller: one of its creator's); for the other-admin cell, the first admin's.</summary>
    private async Task<string> ApiKeyForAsync(Actor actor)
    {
        var owner = actor.Caller switch
        {
            Caller.Admin => actor.Client,
            Caller.OtherUsersResource => _actors[Caller.Admin].Client,
            _ => _keyOwnerClient,
        };
        var created = await (await owner.PostJsonAsync("/api/v1/api-keys", new { name = Unique("matrix target"), permissions = new[] { "products:read" } }))
            .AssertStatusAsync(HttpStatusCode.Created);
        return created.Id();
    }

    /// <summary>A second session of the actor's own (or, for the other-user cell, the ordinary user's).</summary>
    private async Task<string> SessionForAsync(Actor actor)
    {
        var user = actor.Caller == Caller.OtherUsersResource ? _actors[Caller.User].User! : actor.User ?? _keyOwner;
        await factory.IssueTokenAsync(user);
        var id = await factory.ScalarAsync<Guid>(
            "SELECT id FROM user_sessions WHERE user_id = @Id AND revoked_at IS NULL ORDER BY created_at DESC LIMIT 1", new { user.Id });
        return id.ToString();
    }

    private async Task<string> FreshEmailAsync()
    {
        var email = $"matrix-{Guid.NewGuid():N}@example.com";
        await (await factory.CreateClient().PostJsonAsync("/api/v1/auth/register", new { email, password = Password })).AssertStatusAsync(HttpStatusCode.Created);
        return email;
    }

    private async Task<string> RefreshTokenAsync()
    {
        var email = await FreshEmailAsync();
        var tokens = await factory.CreateClient().LoginAsync(email);
        return tokens.GetProperty("refreshToken").GetString()!;
    }

    private static StringContent Ndjson(string text) => new(text, Encoding.UTF8, "application/x-ndjson");

    private IEnumerable<Row> Rows()
    {
        static Task<Probe> Get(string url) => Task.FromResult(new Probe(HttpMethod.Get, url));

        // Accounts and sessions: anyone.
        yield return new("POST /api/v1/auth/register", Anyone, _ => Task.FromResult(new Probe(HttpMethod.Post, "/api/v1/auth/register",
            Body(new { email = $"matrix-{Guid.NewGuid():N}@example.com", password = Password }))));
        yield return new("POST /api/v1/auth/login", Anyone, async _ => new Probe(HttpMethod.Post, "/api/v1/auth/login",
            Body(new { email = await FreshEmailAsync(), password = Password })));
        yield return new("POST /api/v1/auth/refresh", Anyone, async _ => new Probe(HttpMethod.Post, "/api/v1/auth/refresh", Body(new { refreshToken = await RefreshTokenAsync() })));
        yield return new("POST /api/v1/auth/logout", Anyone, async _ => new Probe(HttpMethod.Post, "/api/v1/auth/logout", Body(new { refreshToken = await RefreshTokenAsync() })));
        yield return new("POST /api/v1/auth/verify-email", Anyone, async _ =>
        {
            var email = await FreshEmailAsync();
            return new Probe(HttpMethod.Post, "/api/v1/auth/verify-email", Body(new { token = await factory.TokenFromLatestMailAsync(email) }));
        });
        yield return new("POST /api/v1/auth/forgot-password", Anyone, _ => Task.FromResult(new Probe(HttpMethod.Post, "/api/v1/auth/forgot-password",
            Body(new { email = "nobody-matrix@example.com" }))));
        yield return new("POST /api/v1/auth/reset-password", Anyone, async _ =>
        {
            var email = await FreshEmailAsync();
            await (await factory.CreateClient().PostJsonAsync("/api/v1/auth/forgot-password", new { email })).AssertStatusAsync(HttpStatusCode.Accepted);
            return new Probe(HttpMethod.Post, "/api/v1/auth/reset-password", Body(new { token = await factory.TokenFromLatestMailAsync(email), newPassword = Password + " again" }));
        });

        // The caller's own account: people only.
        yield return new("GET /api/v1/me", SignedInPerson, _ => Get("/api/v1/me"));
        yield return new("PATCH /api/v1/me", SignedInPerson, _ => Task.FromResult(new Probe(HttpMethod.Patch, "/api/v1/me", Body(new { firstName = "Matrix" }))));
        yield return new("POST /api/v1/me/password", SignedInPerson, _ => Task.FromResult(new Probe(HttpMethod.Post, "/api/v1/me/password",
            Body(new { currentPassword = Password, newPassword = Password + " changed" }))));
        yield return new("GET /api/v1/me/sessions", SignedInPerson, _ => Get("/api/v1/me/sessions"));
        yield return new("DELETE /api/v1/me/sessions/{id}", SignedInPerson with { Owned = true }, async actor =>
            new Probe(HttpMethod.Delete, $"/api/v1/me/sessions/{await SessionForAsync(actor)}"));

        // Users, roles, permissions, API keys.
        yield return new("GET /api/v1/users", Needs("users:read"), _ => Get("/api/v1/users"));
        yield return new("GET /api/v1/users/{id}", Needs("users:read"), _ => Get($"/api/v1/users/{_otherUser.User!.Id}"));
        yield return new("PATCH /api/v1/users/{id}", Needs("users:write", usersOnly: true), _ => Task.FromResult(new Probe(HttpMethod.Patch,
            $"/api/v1/users/{_otherUser.User!.Id}", Body(new { firstName = "Patched" }))));
        yield return new("DELETE /api/v1/users/{id}", Needs("users:delete", usersOnly: true), async _ =>
            new Probe(HttpMethod.Delete, $"/api/v1/users/{(await factory.CreateUserAsync()).Id}"));
        yield return new("DELETE /api/v1/users/{id}/sessions", Needs("users:write", usersOnly: true), async _ =>
            new Probe(HttpMethod.Delete, $"/api/v1/users/{(await factory.CreateUserAsync()).Id}/sessions"));
        yield return new("GET /api/v1/permissions", Needs("permissions:read"), _ => Get("/api/v1/permissions"));
        yield return new("GET /api/v1/roles", Needs("permissions:read"), _ => Get("/api/v1/roles"));
        yield return new("POST /api/v1/api-keys", Needs("api_keys:write", usersOnly: true), _ => Task.FromResult(new Probe(HttpMethod.Post, "/api/v1/api-keys",
            Body(new { name = Unique("matrix key"), permissions = new[] { "products:read" } }))));
        yield return new("GET /api/v1/api-keys", Needs("api_keys:read"), _ => Get("/api/v1/api-keys"));
        yield return new("GET /api/v1/api-keys/{id}", Needs("api_keys:read") with { Owned = true }, async actor => new Probe(HttpMethod.Get, $"/api/v1/api-keys/{await ApiKeyForAsync(actor)}"));
        yield return new("DELETE /api/v1/api-keys/{id}", Needs("api_keys:write", usersOnly: true) with { Owned = true }, async actor =>
            new Probe(HttpMethod.Delete, $"/api/v1/api-keys/{await ApiKeyForAsync(actor)}"));
        yield return new("POST /api/v1/api-keys/{id}/rotate", Needs("api_keys:write", usersOnly: true) with { Owned = true }, async actor =>
            new Probe(HttpMethod.Post, $"/api/v1/api-keys/{await ApiKeyForAsync(actor)}/rotate"));

        // Catalog reads: anyone; back-office reads: products:read.
        yield return new("GET /api/v1/products", Anyone, _ => Get("/api/v1/products"));
        yield return new("GET /api/v1/products/search", Anyone, _ => Get("/api/v1/products/search?q=matrix"));
        yield return new("GET /api/v1/products/{idOrSlug}", Anyone, _ => Get($"/api/v1/products/{_productId}"));
        yield return new("GET /api/v1/products/low-stock", Needs("products:read"), _ => Get("/api/v1/products/low-stock"));
        yield return new("GET /api/v1/products/export", Needs("products:read"), _ => Get("/api/v1/products/export?format=ndjson"));
        yield return new("GET /api/v1/products/{idOrSlug}/reviews", Anyone, _ => Get($"/api/v1/products/{_productId}/reviews"));
        yield return new("GET /api/v1/categories", Anyone, _ => Get("/api/v1/categories"));
        yield return new("GET /api/v1/categories/{idOrSlug}", Anyone, async _ => new Probe(HttpMethod.Get, $"/api/v1/categories/{(await CategoryAsync()).Id}"));
        yield return new("GET /api/v1/brands", Anyone, _ => Get("/api/v1/brands"));
        yield return new("GET /api/v1/brands/{idOrSlug}", Anyone, async _ => new Probe(HttpMethod.Get, $"/api/v1/brands/{(await BrandAsync()).Id}"));

        // Product writes and workflow.
        yield return new("POST /api/v1/products", Needs("products:write"), _ => Task.FromResult(new Probe(HttpMethod.Post, "/api/v1/products",
            Body(new { name = Unique("Matrix new product"), price = 5 }))));
        yield return new("PUT /api/v1/products/{idOrSlug}", Needs("products:write"), async _ =>
        {
            var (id, etag) = await ProductAsync();
            return new Probe(HttpMethod.Put, $"/api/v1/products/{id}", Body(new { name = Unique("Matrix renamed"), price = 6 }), etag);
        });
        yield return new("DELETE /api/v1/products/{idOrSlug}", Needs("products:delete"), async _ =>
        {
            var (id, etag) = await ProductAsync();
            return new Probe(HttpMethod.Delete, $"/api/v1/products/{id}", IfMatch: etag);
        });
        yield return new("POST /api/v1/products/{idOrSlug}/restore", Needs("products:delete"), async _ =>
            new Probe(HttpMethod.Post, $"/api/v1/products/{(await DeletedProductAsync()).Id}/restore"));
        yield return new("POST /api/v1/products/{idOrSlug}/submit-for-review", Needs("products:write"), async _ =>
            new Probe(HttpMethod.Post, $"/api/v1/products/{(await ProductAsync()).Id}/submit-for-review"));
        yield return new("POST /api/v1/products/{idOrSlug}/publish", Needs("products:publish"), async _ =>
            new Probe(HttpMethod.Post, $"/api/v1/products/{(await ProductAsync()).Id}/publish"));
        yield return new("POST /api/v1/products/{idOrSlug}/unpublish", Needs("products:publish"), async _ =>
            new Probe(HttpMethod.Post, $"/api/v1/products/{(await PublishedProductAsync()).Id}/unpublish"));
        yield return new("POST /api/v1/products/{idOrSlug}/reject", Needs("products:publish"), async _ =>
            new Probe(HttpMethod.Post, $"/api/v1/products/{(await ProductAsync("submit-for-review")).Id}/reject", Body(new { remark = "Not yet" })));
        yield return new("POST /api/v1/products/{idOrSlug}/archive", Needs("products:publish"), async _ =>
            new Probe(HttpMethod.Post, $"/api/v1/products/{(await ProductAsync()).Id}/archive"));
        yield return new("POST /api/v1/products/{idOrSlug}/unarchive", Needs("products:publish"), async _ =>
            new Probe(HttpMethod.Post, $"/api/v1/products/{(await ProductAsync("archive")).Id}/unarchive"));
        yield return new("POST /api/v1/products/{idOrSlug}/stock", Needs("products:write"), _ => Task.FromResult(new Probe(HttpMethod.Post,
            $"/api/v1/products/{_productId}/stock", Body(new { delta = 1, reason = "matrix" }))));
        yield return new("POST /api/v1/products/import", Needs("products:write"), _ => Task.FromResult(new Probe(HttpMethod.Post, "/api/v1/products/import",
            Ndjson(JsonSerializer.Serialize(new { sku = "MX-" + Guid.NewGuid().ToString("N")[..10], name = Unique("Imported"), price = 3 }) + "\n"))));

        // Categories and brands.
        yield return new("POST /api/v1/categories", Needs("categories:write"), _ => Task.FromResult(new Probe(HttpMethod.Post, "/api/v1/categories", Body(new { name = Unique("Matrix cat") }))));
        yield return new("PUT /api/v1/categories/{idOrSlug}", Needs("categories:write"), async _ =>
        {
            var (id, etag) = await CategoryAsync();
            return new Probe(HttpMethod.Put, $"/api/v1/categories/{id}", Body(new { name = Unique("Matrix cat renamed") }), etag);
        });
        yield return new("DELETE /api/v1/categories/{idOrSlug}", Needs("categories:delete"), async _ =>
        {
            var (id, etag) = await CategoryAsync();
            return new Probe(HttpMethod.Delete, $"/api/v1/categories/{id}", IfMatch: etag);
        });
        yield return new("POST /api/v1/categories/{idOrSlug}/move", Needs("categories:write"), async _ =>
        {
            var (id, etag) = await CategoryAsync();
            return new Probe(HttpMethod.Post, $"/api/v1/categories/{id}/move", Body(new { parentId = (await CategoryAsync()).Id, sortOrder = 1 }), etag);
        });
        yield return new("POST /api/v1/categories/{idOrSlug}/restore", Needs("categories:delete"), async _ =>
            new Probe(HttpMethod.Post, $"/api/v1/categories/{await DeletedAsync("/api/v1/categories", CategoryAsync)}/restore"));
        yield return new("POST /api/v1/brands", Needs("brands:write"), _ => Task.FromResult(new Probe(HttpMethod.Post, "/api/v1/brands", Body(new { name = Unique("Matrix brand new") }))));
        yield return new("PUT /api/v1/brands/{idOrSlug}", Needs("brands:write"), async _ =>
        {
            var (id, etag) = await BrandAsync();
            return new Probe(HttpMethod.Put, $"/api/v1/brands/{id}", Body(new { name = Unique("Matrix brand renamed") }), etag);
        });
        yield return new("DELETE /api/v1/brands/{idOrSlug}", Needs("brands:delete"), async _ =>
        {
            var (id, etag) = await BrandAsync();
            return new Probe(HttpMethod.Delete, $"/api/v1/brands/{id}", IfMatch: etag);
        });

        yield return new("POST /api/v1/brands/{idOrSlug}/restore", Needs("brands:delete"), async _ =>
            new Probe(HttpMethod.Post, $"/api/v1/brands/{await DeletedAsync("/api/v1/brands", BrandAsync)}/restore"));
        yield return new("POST /api/v1/brands/{idOrSlug}/archive", Needs("brands:write"), async _ =>
        {
            var (id, etag) = await BrandAsync();
            return new Probe(HttpMethod.Post, $"/api/v1/brands/{id}/archive", IfMatch: etag);
        });
        yield return new("POST /api/v1/brands/{idOrSlug}/unarchive", Needs("brands:write"), async _ =>
        {
            var (id, etag) = await BrandAsync();
            var archived = await _admin.SendAsync(HttpMethod.Post, $"/api/v1/brands/{id}/archive", ifMatch: etag);
            await archived.AssertStatusAsync(HttpStatusCode.OK);
            return new Probe(HttpMethod.Post, $"/api/v1/brands/{id}/unarchive", IfMatch: archived.ETagOf());
        });

        // Reviews: people write them; only the author edits; the author or reviews:moderate deletes.
        yield return new("POST /api/v1/products/{idOrSlug}/reviews", SignedInPerson, async _ =>
            new Probe(HttpMethod.Post, $"/api/v1/products/{(await PublishedProductAsync()).Id}/reviews", Body(new { rating = 5 })));
        yield return new("PATCH /api/v1/reviews/{id}", SignedInPerson with { Owned = true }, async actor =>
            new Probe(HttpMethod.Patch, $"/api/v1/reviews/{await ReviewForAsync(actor)}", Body(new { title = "Edited" })));
        yield return new("DELETE /api/v1/reviews/{id}", new Access(null, AuthorOrModerator: true, Owned: true), async actor =>
            new Probe(HttpMethod.Delete, $"/api/v1/reviews/{await ReviewForAsync(actor)}"));
        yield return new("GET /api/v1/reviews", Needs("reviews:moderate"), _ => Get("/api/v1/reviews?deleted=true"));
        yield return new("POST /api/v1/reviews/{id}/helpful", SignedInPerson, async _ =>
            new Probe(HttpMethod.Post, $"/api/v1/reviews/{await ReviewByAsync(_otherUser)}/helpful"));
        yield return new("POST /api/v1/reviews/{id}/restore", Needs("reviews:moderate"), async _ =>
            new Probe(HttpMethod.Post, $"/api/v1/reviews/{await ModeratedReviewAsync()}/restore"));

        // Audit and jobs.
        yield return new("GET /api/v1/audit-logs", Needs("audit_logs:read"), _ => Get("/api/v1/audit-logs"));
        yield return new("GET /api/v1/admin/jobs", Needs("jobs:read"), _ => Get("/api/v1/admin/jobs"));
        yield return new("POST /api/v1/admin/jobs/{name}/run", Needs("jobs:run"), _ => Task.FromResult(new Probe(HttpMethod.Post, $"/api/v1/admin/jobs/{_jobName}/run")));
        yield return new("GET /api/v1/admin/database", Needs("database:read"), _ => Get("/api/v1/admin/database"));

        // Last: it rewrites a role's permissions (to the same set, so the other cells keep their meaning).
        yield return new("PUT /api/v1/roles/{role}/permissions", Needs("permissions:write", usersOnly: true), _ => Task.FromResult(new Probe(HttpMethod.Put,
            "/api/v1/roles/moderator/permissions", Body(new { permissions = new[] { "reviews:moderate" } }))));
    }
}
