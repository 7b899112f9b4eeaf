using System.Net;
using System.Net.Http.Json;
using System.Text;
using Catalog.Application.Common.Security;
using Catalog.Domain.Users;
using Catalog.IntegrationTests.Infrastructure;
using Catalog.IntegrationTests.Products;
using Xunit.Abstractions;

namespace Catalog.IntegrationTests.Hardening.OpenApi;

/// <summary>
/// Every route the application serves × every kind of caller → the answer its authorization metadata prescribes
/// (ADR-081). The demand is read off the endpoint: <c>[AuthorizeAs&lt;T&gt;]</c> names the request whose
/// <see cref="AuthorizeAttribute"/> (a permission, or just "signed in", and "people only") the endpoint enforces. So the
/// anonymous get 401, a caller without the permission (a role's, an API key's) 403, and one holding it anything but
/// 401/403; a route with no demand must be on <see cref="AnonymousRoutes"/>, or the test fails. A new route needs no row
/// here. <see cref="Rows"/> keeps the few rules the metadata does not state (whose resource it is), with real resources.
/// </summary>
public sealed class AuthorizationMatrixTests(CatalogApiFactory factory, ITestOutputHelper output) : IClassFixture<CatalogApiFactory>
{
    private const string Password = IdentityTestHelpers.Password;

    /// <summary>The routes anyone may call: the only ones allowed to carry no demand. A new one is a decision; say why.</summary>
    private static readonly Dictionary<string, string> AnonymousRoutes = new(StringComparer.Ordinal)
    {
        ["POST /api/v1/auth/register"] = "signing up",
        ["POST /api/v1/auth/login"] = "signing in",
        ["POST /api/v1/auth/refresh"] = "the refresh token is the credential",
        ["POST /api/v1/auth/logout"] = "the refresh token is the credential",
        ["POST /api/v1/auth/verify-email"] = "the mailed token is the credential",
        ["POST /api/v1/auth/forgot-password"] = "the mailed token is the credential",
        ["POST /api/v1/auth/reset-password"] = "the mailed token is the credential",
        ["GET /api/v1/products"] = "the storefront",
        ["GET /api/v1/products/search"] = "the storefront",
        ["GET /api/v1/products/{idOrSlug}"] = "the storefront (staff fields with products:read)",
        ["GET /api/v1/products/{idOrSlug}/reviews"] = "the storefront",
        ["GET /api/v1/categories"] = "the storefront (?status= needs categories:write, checked by the query)",
        ["GET /api/v1/categories/{idOrSlug}"] = "the storefront (?status= needs categories:write)",
        ["GET /api/v1/brands"] = "the storefront (?status= needs brands:write)",
        ["GET /api/v1/brands/{idOrSlug}"] = "the storefront (?status= needs brands:write)",
        ["* /health/live"] = "liveness probe, says nothing",
        ["* /health/ready"] = "readiness probe for the load balancer",
        ["GET /openapi/{documentName}.json"] = "the contract, served only while OpenApi:Enabled",
    };

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
    private sealed record Access(string? Permission, bool Public = false, bool UsersOnly = false, bool AuthorOrModerator = false, bool Owned = false)
    {
        public static Access Of(AuthorizeAttribute? demand) => demand is null ? new(null, Public: true) : new(demand.Permission, UsersOnly: demand.UsersOnly);
    }

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

    [Fact]
    public void EveryRoute_DeclaresItsDemand_OrIsOnTheAnonymousList()
    {
        factory.CreateClient().Dispose();
        var routes = EndpointRoutes.Read(factory.Services);
        output.WriteLine(string.Join('\n', routes.Select(r => $"{r.Key}: {r.Who}")));
        var undeclared = routes.Where(r => r.Demand is null && !AnonymousRoutes.ContainsKey(r.Key)).Select(r => r.Key).ToList();
        var listedButDemanding = routes.Where(r => r.Demand is not null && AnonymousRoutes.ContainsKey(r.Key)).Select(r => r.Key).ToList();
        var listedButNotServed = AnonymousRoutes.Keys.Where(k => routes.All(r => r.Key != k)).ToList();

        Assert.True(undeclared.Count == 0, "Routes without [AuthorizeAs<T>] (of a request with [Authorize]) that are not on the anonymous list: " + string.Join(", ", undeclared));
        Assert.True(listedButDemanding.Count == 0, "Routes on the anonymous list that demand credentials: " + string.Join(", ", listedButDemanding));
        Assert.True(listedButNotServed.Count == 0, "Anonymous-list entries that match no route: " + string.Join(", ", listedButNotServed));
        Assert.True(routes.Count >= 60, $"only {routes.Count} routes found: is the endpoint data source read after the host started?");
    }

    /// <summary>The console's pages anyone may open (everything else under /admin needs a console session).</summary>
    private static readonly string[] AnonymousConsolePages = ["/admin/login", "/admin/logout"];

    [Fact]
    public async Task EveryConsolePage_TurnsAnAnonymousCallerAway_ButTheSignInAndSignedOutPages()
    {
        using var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var pages = EndpointRoutes.ReadConsolePages(factory.Services);
        output.WriteLine(string.Join('\n', pages.Select(p => $"{p.Method} {p.Path}{(p.Anonymous ? " (anonymous)" : string.Empty)}")));

        Assert.Equal(AnonymousConsolePages, pages.Where(p => p.Anonymous).Select(p => p.Path).Distinct().Order(StringComparer.Ordinal));
        Assert.Contains(pages, p => p.Path == "/admin/products/{Id:guid}" && p.Method == "POST");
        var letIn = new List<string>();
        foreach (var (method, path, anonymous) in pages.Where(p => !p.Anonymous))
        {
            var url = path.Replace("{Id:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal);
            using var request = new HttpRequestMessage(new HttpMethod(method), url);
            if (method == "POST")
            {
                request.Content = new FormUrlEncodedContent([new("_handler", "x")]);
            }

            using var response = await client.SendAsync(request);
            // GET: sent to the sign-in page. POST: sent there too, or refused for its missing antiforgery token; never served.
            var turnedAway = response.StatusCode == HttpStatusCode.Redirect
                    ? response.Headers.Location?.OriginalString.Contains("/admin/login", StringComparison.Ordinal) == true
                    : method == "POST" && response.StatusCode == HttpStatusCode.BadRequest;
            if (!turnedAway)
            {
                letIn.Add($"{method} {url} → {(int)response.StatusCode} {response.Headers.Location}");
            }
        }

        Assert.True(letIn.Count == 0, "Console pages not turning an anonymous caller away: " + string.Join(", ", letIn));
    }

    [Fact]
    public async Task EveryRoute_WhenCalledByEachKindOfCaller_AnswersWhatItsMetadataPrescribes()
    {
        await ArrangeAsync();
        var routes = EndpointRoutes.Read(factory.Services);
        var failures = new List<string>();
        var cells = 0;
        foreach (var route in routes)
        {
            var access = Access.Of(route.Demand);
            foreach (var caller in Enum.GetValues<Caller>().Where(c => c != Caller.OtherUsersResource))
            {
                var actor = ActorFor(access, caller);
                using var request = new HttpRequestMessage(new HttpMethod(route.Method == "*" ? "GET" : route.Method), route.ProbeUrl());
                if (route.Method is "POST" or "PUT" or "PATCH")
                {
                    // Past binding where it can get: an empty object, in the media type the route consumes (another
                    // one is refused with 415 before anyone is asked who is calling), reaches the request's own checks.
                    request.Content = new StringContent("{}", Encoding.UTF8, route.ContentType);
                }

                using var response = await actor.Client.SendAsync(request);
                var status = (int)response.StatusCode;
                var refusal = Refusal(route.Demand, caller);
                cells++;
                if (refusal is not null ? status != refusal : status is 401 or 403)
                {
                    failures.Add($"{route.Key} ({route.Who}) as {caller}: expected {(refusal?.ToString() ?? "neither 401 nor 403")}, got {status}");
                }
            }
        }

        output.WriteLine($"{routes.Count} routes × callers: {cells} cells checked");
        Assert.True(failures.Count == 0, $"{failures.Count} of {cells} cells differ:\n" + string.Join('\n', failures));
    }

    [Fact]
    public async Task RulesTheMetadataDoesNotState_WhenCalledByEachKindOfCaller_AnswerWhatTheyPrescribe()
    {
        await ArrangeAsync();
        var routes = EndpointRoutes.Read(factory.Services).Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        Assert.All(Rows(), row => Assert.Contains(row.Key, routes));

        var failures = new List<string>();
        var cells = 0;
        foreach (var row in Rows())
        {
            foreach (var caller in Enum.GetValues<Caller>())
            {
                var actor = caller == Caller.OtherUsersResource
                    ? row.Key.Contains("/api-keys", StringComparison.Ordinal) ? _otherAdmin : _otherUser
                    : ActorFor(row.Access, caller);
                var probe = await row.Build(actor);
                var status = await SendAsync(actor.Client, probe);
                var expected = Expected(row.Access, caller, actor.Caller == Caller.KeyWithPermission);
                cells++;
                if (!expected.Contains(status))
                {
                    failures.Add($"{row.Key} as {caller}: expected {string.Join("/", expected.Distinct())}, got {status}");
                }
            }
        }

        output.WriteLine($"{cells} cells checked");
        Assert.True(failures.Count == 0, $"{failures.Count} of {cells} cells differ:\n" + string.Join('\n', failures));
    }

    /// <summary>The 401 or 403 <paramref name="demand"/> gives <paramref name="caller"/>, or null when it lets the caller in.</summary>
    private static int? Refusal(AuthorizeAttribute? demand, Caller caller) => (demand, caller) switch
    {
        (null, _) => null,
        (_, Caller.Anonymous) => 401,
        ({ UsersOnly: true }, Caller.KeyWithPermission or Caller.KeyWithoutPermission) => 403,
        ({ Permission: null }, _) => null,
        (_, Caller.KeyWithPermission) => null,
        (_, Caller.KeyWithoutPermission) => 403,
        var (_, role) => RolePermissions[RoleOf[role]] is var held && (held.Contains("*") || held.Contains(demand.Permission)) ? null : 403,
    };

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

    private Actor ActorFor(Access access, Caller caller) => caller switch
    {
        Caller.KeyWithPermission => new Actor(caller, KeyHolding(access.AuthorOrModerator ? "reviews:moderate" : access.Permission ?? "products:read"), null),
        // A key holding some other permission: the one that does not unlock this operation.
        Caller.KeyWithoutPermission => new Actor(caller, KeyHolding(access.Permission == "reviews:moderate" || access.AuthorOrModerator ? "products:read" : "reviews:moderate"), null),
        _ => _actors[caller],
    };

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
        foreach (var permission in Permissions.All)
        {
            var created = await (await _keyOwnerClient.PostJsonAsync("/api/v1/api-keys", new { name = "matrix " + permission, permissions = new[] { permission } }))
                .AssertStatusAsync(HttpStatusCode.Created);
            _keysByPermission[permission] = factory.WithApiKey(created.GetProperty("key").GetString());
        }
    }

    private HttpClient KeyHolding(string permission) => _keysByPermission[permission];

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

    /// <summary>
    /// The rules the endpoint's metadata does not state, probed with real resources: whose session, API key or review it
    /// is (another user's → 403/404), and a review's author-or-moderator rule. Every caller; allowed ones must get a 2xx.
    /// </summary>
    private IEnumerable<Row> Rows()
    {
        yield return new("DELETE /api/v1/me/sessions/{id}", SignedInPerson with { Owned = true }, async actor =>
            new Probe(HttpMethod.Delete, $"/api/v1/me/sessions/{await SessionForAsync(actor)}"));
        yield return new("GET /api/v1/api-keys/{id}", Needs("api_keys:read") with { Owned = true }, async actor => new Probe(HttpMethod.Get, $"/api/v1/api-keys/{await ApiKeyForAsync(actor)}"));
        yield return new("DELETE /api/v1/api-keys/{id}", Needs("api_keys:write", usersOnly: true) with { Owned = true }, async actor =>
            new Probe(HttpMethod.Delete, $"/api/v1/api-keys/{await ApiKeyForAsync(actor)}"));
        yield return new("POST /api/v1/api-keys/{id}/rotate", Needs("api_keys:write", usersOnly: true) with { Owned = true }, async actor =>
            new Probe(HttpMethod.Post, $"/api/v1/api-keys/{await ApiKeyForAsync(actor)}/rotate"));
        yield return new("PATCH /api/v1/reviews/{id}", SignedInPerson with { Owned = true }, async actor =>
            new Probe(HttpMethod.Patch, $"/api/v1/reviews/{await ReviewForAsync(actor)}", Body(new { title = "Edited" })));
        yield return new("DELETE /api/v1/reviews/{id}", new Access(null, AuthorOrModerator: true, Owned: true), async actor =>
            new Probe(HttpMethod.Delete, $"/api/v1/reviews/{await ReviewForAsync(actor)}"));
    }
}
