using System.Net;
using System.Text;
using System.Text.Json;
using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.Foundation;

public sealed class HostTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task HealthLive_And_Ready_Answer200()
    {
        (await _client.GetAsync("/health/live")).EnsureSuccessStatusCode();
        (await _client.GetAsync("/health/ready")).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task UnknownRoute_IsProblem404WithVersionHeader()
    {
        var response = await _client.GetAsync("/api/v1/does-not-exist");
        await response.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.True(response.Headers.Contains("api-supported-versions"));
    }

    [Fact]
    public async Task WrongMethod_IsProblem405()
    {
        var response = await _client.DeleteAsync("/api/v1/brands");
        await response.AssertProblemAsync(HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task UnsupportedVersion_IsProblemNot500()
    {
        var response = await _client.GetAsync("/api/v9/brands/some-brand");
        Assert.InRange((int)response.StatusCode, 400, 404);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task WrongContentType_IsProblem415()
    {
        var (client, _) = await factory.CreateClientAsAsync("admin");
        var response = await client.PostAsync("/api/v1/brands", new StringContent("<brand/>", Encoding.UTF8, "application/xml"));
        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("{\"name\": ")]
    [InlineData("{\"name\": 12, \"isActive\": \"yes\"}")]
    [InlineData("[]")]
    public async Task MalformedJson_IsProblem400(string body)
    {
        var (client, _) = await factory.CreateClientAsAsync("admin");
        var response = await client.PostAsync("/api/v1/brands", new StringContent(body, Encoding.UTF8, "application/json"));
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.TryGetProperty("errors", out _));
    }

    [Fact]
    public async Task RequestId_IsEchoedWhenWellFormedAndGeneratedOtherwise()
    {
        using var supplied = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        supplied.Headers.Add("X-Request-Id", "abc-123");
        var echoed = await _client.SendAsync(supplied);
        Assert.Equal("abc-123", echoed.Headers.GetValues("X-Request-Id").Single());

        using var hostile = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        hostile.Headers.TryAddWithoutValidation("X-Request-Id", "bad id\twith<script>");
        var generated = await _client.SendAsync(hostile);
        var id = generated.Headers.GetValues("X-Request-Id").Single();
        Assert.Matches("^[0-9a-f]{32}$", id);

        // Made ids are distinct from request to request (and their first half, the process's random prefix, is shared).
        var made = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            made.Add((await _client.GetAsync("/health/live")).Headers.GetValues("X-Request-Id").Single());
        }

        Assert.Equal(made.Count, made.Distinct().Count());
        Assert.All(made, m => Assert.Matches("^[0-9a-f]{32}$", m));
        Assert.Single(made.Select(m => m[..16]).Distinct());
    }

    [Fact]
    public async Task OpenApiDocument_ListsVersionedPathsWithoutVersionParameter()
    {
        var response = await _client.GetAsync("/openapi/v1.json");
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/brands", paths);
        Assert.DoesNotContain(paths, p => p.Contains("{version}", StringComparison.Ordinal));
        Assert.DoesNotContain("\"name\": \"version\"", document.RootElement.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SwaggerUi_Loads()
    {
        var response = await _client.GetAsync("/swagger/index.html");
        response.EnsureSuccessStatusCode();
        Assert.Contains("swagger-ui", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ForgedBearerToken_OnAnonymousRoute_Is401Problem()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/brands/anything");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.");
        var response = await _client.SendAsync(request);
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }
}
