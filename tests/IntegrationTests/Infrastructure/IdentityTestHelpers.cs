using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Catalog.Infrastructure.Identity;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Catalog.IntegrationTests.Infrastructure;

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

    /// <summary>
    /// The token in the newest mail sent to <paramref name="email"/> (the <c>token=</c> query value of its link). The body is
    /// stored encrypted: it is opened with the API's own <see cref="OutboxBodyProtector"/>, as the delivery job opens it.
    /// </summary>
    public static async Task<string> TokenFromLatestMailAsync(this CatalogApiFactory factory, string email)
    {
        var stored = await factory.ScalarAsync<string>(
            "SELECT body FROM email_outbox WHERE recipient = @Email ORDER BY created_at DESC LIMIT 1", new { Email = email });
        Assert.NotNull(stored);
        Assert.True(factory.Services.GetRequiredService<OutboxBodyProtector>().TryUnprotect(stored!, out var body), "the outbox body opens with the API's key");
        var start = body!.IndexOf("token=", StringComparison.Ordinal) + "token=".Length;
        var end = body.IndexOfAny([' ', '\n'], start);
        return Uri.UnescapeDataString(end < 0 ? body[start..] : body[start..end]);
    }

    /// <summary>The token of the link after <paramref name="path"/> (e.g. "/reset-password?token=") in a mail's text.</summary>
    public static string TokenAfter(string text, string path)
    {
        var start = text.IndexOf(path, StringComparison.Ordinal);
        Assert.True(start >= 0, $"the mail holds a {path} link");
        start += path.Length;
        var end = text.IndexOfAny([' ', '\r', '\n'], start);
        return Uri.UnescapeDataString(end < 0 ? text[start..] : text[start..end]);
    }
}
