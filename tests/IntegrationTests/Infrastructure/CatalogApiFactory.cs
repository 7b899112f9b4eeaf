using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Catalog.Application.Common.Identity;
using Catalog.Domain.Users;
using Catalog.Infrastructure.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.IntegrationTests.Infrastructure;

/// <summary>The API in memory, on a database of its own cloned from the migrated template.</summary>
public class CatalogApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string SigningKey = "integration-tests-signing-key-0123456789abcdef";

    private readonly Dictionary<string, string?> _settings = new(StringComparer.Ordinal);

    /// <summary>The test database as its owner (for test set-up and checks); the API itself runs as the app role.</summary>
    public string ConnectionString { get; protected set; } = string.Empty;

    /// <summary>Extra configuration for a test class, set before the first client is created.</summary>
    public CatalogApiFactory WithSetting(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    public virtual async Task InitializeAsync()
    {
        var server = await PostgresServer.InstanceAsync();
        ConnectionString = await server.CreateDatabaseAsync();
    }

    public new Task DisposeAsync() => base.DisposeAsync().AsTask();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Catalog", PostgresServer.AppConnectionString(ConnectionString));
        builder.UseSetting("ConnectionStrings:CatalogOwner", ConnectionString);
        builder.UseSetting("Shutdown:DrainDelaySeconds", "0");
        builder.UseSetting("Jwt:SigningKey", SigningKey);
        builder.UseSetting("Database:MigrateOnStartup", "false");
        builder.UseSetting("Seed:DemoData", "false");
        builder.UseSetting("OpenApi:Enabled", "true");
        builder.UseSetting("Jobs:Enabled", "false");
        // Generous limits so that suites are not throttled; rate-limit tests lower them with WithSetting.
        builder.UseSetting("RateLimiting:AnonymousPermitsPerMinute", "1000000");
        builder.UseSetting("RateLimiting:UserPermitsPerMinute", "1000000");
        builder.UseSetting("RateLimiting:AuthPermitsPerMinute", "1000000");
        builder.UseSetting("RateLimiting:FailedAuthenticationsPerMinute", "1000000");
        builder.UseSetting("Audit:UnauthenticatedRowsPerAddressPerMinute", "0");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>Creates a user with <paramref name="roles"/> directly in the database and returns it.</summary>
    public async Task<User> CreateUserAsync(string? email = null, string password = "correct horse battery staple", params string[] roles)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher>();
        var time = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var user = User.Create(
            email ?? $"user-{Guid.NewGuid():N}@example.com",
            hasher.Hash(password),
            "Test",
            "User",
            time.GetUtcNow(),
            roles.Length == 0 ? [User.DefaultRole] : roles);
        db.Add(user);
        await db.SaveChangesAsync();
        return user;
    }

    /// <summary>An HTTP client signed in as a new user holding <paramref name="roles"/>.</summary>
    public async Task<(HttpClient Client, User User)> CreateClientAsAsync(params string[] roles)
    {
        var user = await CreateUserAsync(null, "correct horse battery staple", roles);
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await IssueTokenAsync(user));
        return (client, user);
    }

    /// <summary>An access token for <paramref name="user"/>, as sign-in would issue it: for a real, live session.</summary>
    public virtual async Task<string> IssueTokenAsync(User user)
    {
        using var scope = Services.CreateScope();
        var sessions = scope.ServiceProvider.GetRequiredService<ISessionStore>();
        var session = await sessions.StartAsync(user.Id, "127.0.0.1", "integration-tests", CancellationToken.None);
        var issuer = Services.GetRequiredService<IAccessTokenIssuer>();
        return issuer.Issue(user.Id, session.SessionId, user.SecurityStamp, user.Roles).Token;
    }

    /// <summary>
    /// An HTTP client that authenticates with a new API key holding <paramref name="permissions"/>, created through
    /// the API by a new admin (who holds every permission).
    /// </summary>
    public async Task<HttpClient> CreateApiKeyClientAsync(params string[] permissions)
    {
        var (admin, _) = await CreateClientAsAsync("admin");
        var response = await admin.PostAsJsonAsync("/api/v1/api-keys", new { name = "test key", permissions });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", body.GetProperty("key").GetString());
        return client;
    }
}
