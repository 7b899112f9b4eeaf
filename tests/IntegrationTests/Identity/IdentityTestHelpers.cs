using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Catalog.IntegrationTests.Infrastructure;
using Dapper;
using Npgsql;

namespace Catalog.IntegrationTests.Identity;

internal static class IdentityTestHelpers
{
    public const string Password = "correct horse battery staple";

    public static async Task<JsonElement> LoginAsync(this HttpClient client, string email, string password = Password)
    {
        var response = await client.PostJsonAsync("/api/v1/auth/login", new { email, password });
        return await response.AssertStatusAsync(HttpStatusCode.OK);
    }

    public static HttpClient WithBearer(this CatalogApiFactory factory, string? accessToken)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    public static HttpClient WithApiKey(this CatalogApiFactory factory, string? key)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    public static async Task<T?> ScalarAsync<T>(this CatalogApiFactory factory, string sql, object? args = null)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        return await connection.ExecuteScalarAsync<T>(sql, args);
    }

    public static async Task<int> ExecuteAsync(this CatalogApiFactory factory, string sql, object? args = null)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        return await connection.ExecuteAsync(sql, args);
    }

    /// <summary>How many audit entries with <paramref name="action"/> concern <paramref name="resourceId"/> (or anything when null).</summary>
    public static Task<long> AuditCountAsync(this CatalogApiFactory factory, string action, Guid? resourceId = null) =>
        factory.ScalarAsync<long>(
            "SELECT count(*) FROM audit_logs WHERE action = @Action AND (@Id::uuid IS NULL OR resource_id = @Id)",
            new { Action = action, Id = resourceId });

    /// <summary>The token in the newest mail sent to <paramref name="email"/> (the <c>token=</c> query value of its link).</summary>
    public static async Task<string> TokenFromLatestMailAsync(this CatalogApiFactory factory, string email)
    {
        var body = await factory.ScalarAsync<string>(
            "SELECT body FROM email_outbox WHERE recipient = @Email ORDER BY created_at DESC LIMIT 1", new { Email = email });
        Assert.NotNull(body);
        var start = body!.IndexOf("token=", StringComparison.Ordinal) + "token=".Length;
        var end = body.IndexOfAny([' ', '\n'], start);
        return Uri.UnescapeDataString(end < 0 ? body[start..] : body[start..end]);
    }
}
