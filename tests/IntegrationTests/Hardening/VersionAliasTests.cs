using System.Net;
using System.Text;
using Asp.Versioning;
using Catalog.IntegrationTests.Hardening.OpenApi;
using Catalog.IntegrationTests.Infrastructure;
using Catalog.WebApi.RateLimiting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Catalog.IntegrationTests.Hardening;

/// <summary>
/// The router (<c>api/v{version:apiVersion}/...</c>) also accepts <c>v1.0</c>, <c>V1</c>, <c>v01</c>...; only the
/// canonical <c>v1</c> is served, every other spelling of a served version is a 404 problem before anything keys on
/// the path (ADR-075). Without that, an exhausted per-route budget was escaped by respelling the version.
/// </summary>
public sealed class VersionAliasTests(CatalogApiFactory factory, ITestOutputHelper output) : IClassFixture<CatalogApiFactory>
{
    /// <summary>Spellings the versioning library parses as 1.0 (checked by the break-it run: each reached its action).</summary>
    public static readonly string[] Aliases = ["v1.0", "V1", "V1.0", "v01", "v1.00", "v01.0", "v1.0.0"];

    public static readonly string[] AuthRoutes =
        ["register", "login", "refresh", "logout", "verify-email", "forgot-password", "reset-password"];

    [Fact]
    public async Task EveryOperation_UnderEveryVersionAlias_Is404Problem_WithSupportedVersionsHeader()
    {
        var client = factory.CreateClient();
        var document = await OpenApiOperations.LoadAsync(client);
        var failures = new List<string>();
        var sent = 0;
        foreach (var operation in document.All)
        {
            Assert.StartsWith("/api/v1/", operation.PathTemplate, StringComparison.Ordinal);
            var path = operation.BuildPath(PathValue);
            foreach (var alias in Aliases)
            {
                var url = "/api/" + alias + path["/api/v1".Length..];
                using var request = new HttpRequestMessage(new HttpMethod(operation.Method), url);
                if (operation.Method is "POST" or "PUT" or "PATCH")
                {
                    request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                }

                using var response = await client.SendAsync(request);
                sent++;
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.NotFound
                    || response.Content.Headers.ContentType?.MediaType != "application/problem+json"
                    || !response.Headers.TryGetValues("api-supported-versions", out var versions) || versions.Single() != "1.0")
                {
                    failures.Add($"{operation.Method} {url} -> {(int)response.StatusCode} {body[..Math.Min(body.Length, 160)]}");
                }
            }
        }

        output.WriteLine($"{document.All.Count} operations x {Aliases.Length} aliases = {sent} requests; {failures.Count} not refused");
        foreach (var failure in failures)
        {
            output.WriteLine(failure);
        }

        Assert.Equal(7, AuthRoutes.Length);
        Assert.All(AuthRoutes, r => Assert.Contains(document.All, o => o.Key == $"POST /api/v1/auth/{r}"));
        Assert.Empty(failures);
    }

    [Fact]
    public async Task AVersionAlias_Answers404ProblemShapedLikeOther404s()
    {
        var client = factory.CreateClient();
        var alias = await client.GetAsync("/api/v1.0/brands");
        var problem = await alias.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("/api/v1.0/brands", problem.GetProperty("instance").GetString());
        Assert.True(problem.TryGetProperty("requestId", out _));
        Assert.Equal("1.0", alias.Headers.GetValues("api-supported-versions").Single());

        var unknownRoute = await client.GetAsync("/api/v1/no-such-resource");
        var other = await unknownRoute.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(other.GetProperty("type").GetString(), problem.GetProperty("type").GetString());
        Assert.Equal(other.GetProperty("title").GetString(), problem.GetProperty("title").GetString());

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/brands")).StatusCode);
    }

    /// <summary>
    /// Asp.Versioning answers a version it does not serve with an empty 404 (Mvc.Versioning 5 answered 400); the
    /// canonical-version guard answers it as a 404 problem naming the spelling that is served.
    /// </summary>
    [Fact]
    public async Task AnUnknownVersion_StaysAProblemResponse_WithSupportedVersionsHeader()
    {
        var client = factory.CreateClient();
        foreach (var url in new[] { "/api/v2/brands", "/api/v2.0/brands", "/api/v1.1/brands", "/api/v9/brands/some-brand", "/api/v2/auth/login" })
        {
            var response = await client.GetAsync(url);
            output.WriteLine($"{url} -> {(int)response.StatusCode}");
            var problem = await response.AssertProblemAsync(HttpStatusCode.NotFound);
            Assert.Equal("No such resource. API versions are spelled 'v1' in the path.", problem.GetProperty("detail").GetString());
            Assert.Equal(url, problem.GetProperty("instance").GetString());
            Assert.Equal(response.Headers.GetValues("X-Request-Id").Single(), problem.GetProperty("requestId").GetString());
            Assert.Equal("1.0", response.Headers.GetValues("api-supported-versions").Single());
        }
    }

    /// <summary>One mechanism stamps the header (RequestIdMiddleware; the library's reporter is off): every answer has it once.</summary>
    [Fact]
    public async Task EveryAnswer_CarriesSupportedVersionsOnce_HealthChecksAndErrorsIncluded()
    {
        var client = factory.CreateClient();
        using var forged = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        forged.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "not-a-token");
        var answers = new List<HttpResponseMessage>
        {
            await client.GetAsync("/health/live"),
            await client.GetAsync("/health/ready"),
            await client.GetAsync("/api/v1/brands"),
            await client.GetAsync("/api/v1/brands/no-such-brand"),
            await client.GetAsync("/api/v1/no-such-resource"),
            await client.DeleteAsync("/api/v1/brands"),
            await client.SendAsync(forged),
            await client.GetAsync("/openapi/v1.json"),
        };

        Assert.All(answers, r => Assert.Equal(["1.0"], r.Headers.GetValues("api-supported-versions")));
        Assert.Equal(
            [200, 200, 200, 404, 404, 405, 401, 200],
            answers.Select(r => (int)r.StatusCode));
    }

    private static string PathValue(OpenApiParameter parameter) => parameter.Name switch
    {
        "role" => "editor",
        "name" => "audit-partitions",
        "idOrSlug" => "some-slug",
        _ => Guid.NewGuid().ToString(),
    };
}

/// <summary>The stricter auth budget follows the endpoint (its metadata), whatever the path looks like.</summary>
public sealed class AuthBudgetAliasTests : IClassFixture<CatalogApiFactory>
{
    private readonly CatalogApiFactory _factory;

    public AuthBudgetAliasTests(CatalogApiFactory factory) => _factory = factory
        .WithSetting("RateLimiting:AuthPermitsPerMinute", "3")
        .WithSetting("RateLimiting:AnonymousPermitsPerMinute", "100000");

    [Fact]
    public async Task AfterTheAuthBudgetIsSpentOnLogin_EveryAliasOfEveryAuthRoute_Is404Or429_Never401Or200()
    {
        var client = _factory.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            var failed = await client.PostJsonAsync("/api/v1/auth/login", new { email = "nobody@example.com", password = "whatever it is" });
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        await (await client.PostJsonAsync("/api/v1/auth/login", new { email = "nobody@example.com", password = "whatever it is" }))
            .AssertProblemAsync(HttpStatusCode.TooManyRequests);

        var answers = new List<string>();
        foreach (var route in VersionAliasTests.AuthRoutes)
        {
            // The canonical route shares the spent budget...
            var canonical = await client.PostJsonAsync($"/api/v1/auth/{route}", new { email = "nobody@example.com", password = "whatever it is" });
            Assert.True(canonical.StatusCode == HttpStatusCode.TooManyRequests, $"/api/v1/auth/{route}: {(int)canonical.StatusCode}");
            foreach (var alias in VersionAliasTests.Aliases)
            {
                // ...and no respelling of it reaches the action under another budget.
                var url = $"/api/{alias}/auth/{route}";
                var response = await client.PostJsonAsync(url, new { email = "nobody@example.com", password = "whatever it is" });
                answers.Add($"{url} {(int)response.StatusCode}");
                Assert.True(
                    response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.TooManyRequests,
                    $"{url} answered {(int)response.StatusCode}");
            }
        }

        Assert.Equal(VersionAliasTests.AuthRoutes.Length * VersionAliasTests.Aliases.Length, answers.Count);
    }
}

/// <summary>The API with one extra endpoint outside <c>/auth</c> that carries <see cref="AuthBudgetAttribute"/>.</summary>
public sealed class BudgetProbeApiFactory : CatalogApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddControllers().AddApplicationPart(typeof(BudgetProbeController).Assembly));
    }
}

[ApiController]
[ApiVersion("1.0")]
[Route("api/v{version:apiVersion}/budget-probe")]
[AuthBudget]
public sealed class BudgetProbeController : ControllerBase
{
    [HttpGet]
    public IActionResult Get() => NoContent();
}

public sealed class AuthBudgetMetadataTests : IClassFixture<BudgetProbeApiFactory>
{
    private readonly BudgetProbeApiFactory _factory;

    public AuthBudgetMetadataTests(BudgetProbeApiFactory factory) => _factory = (BudgetProbeApiFactory)factory
        .WithSetting("RateLimiting:AuthPermitsPerMinute", "2")
        .WithSetting("RateLimiting:AnonymousPermitsPerMinute", "100000");

    [Fact]
    public async Task TheAuthBudget_FollowsTheEndpointsMetadata_NotItsPath()
    {
        var client = _factory.CreateClient();
        for (var i = 0; i < 2; i++)
        {
            var admitted = await client.GetAsync("/api/v1/budget-probe");
            Assert.Equal(HttpStatusCode.NoContent, admitted.StatusCode);
            Assert.Equal("2", admitted.Headers.GetValues("X-RateLimit-Limit").Single());
        }

        await (await client.GetAsync("/api/v1/budget-probe")).AssertProblemAsync(HttpStatusCode.TooManyRequests);
        // The same per-address budget as the auth routes: spent here, spent there.
        await (await client.PostJsonAsync("/api/v1/auth/login", new { email = "nobody@example.com", password = "whatever it is" }))
            .AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/brands")).StatusCode);
    }
}
