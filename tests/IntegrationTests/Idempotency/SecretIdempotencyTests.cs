using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Catalog.IntegrationTests.Infrastructure;
using Catalog.IntegrationTests.Products;
using Dapper;
using Npgsql;
using Xunit.Abstractions;

namespace Catalog.IntegrationTests.Idempotency;

/// <summary>ADR-076: answers that carry a token or a key are never kept, and their replay hands out nothing.</summary>
public sealed class SecretIdempotencyTests(CatalogApiFactory factory, ITestOutputHelper output) : IClassFixture<CatalogApiFactory>
{
    private const string SecretNotReplayed = "idempotency.secret_not_replayed";

    [Fact]
    public async Task SecretAnswersWithIdempotencyKeys_LeaveNoSecretInAnyColumnOfAnyTable()
    {
        var user = await factory.CreateUserAsync(null, IdentityTestHelpers.Password, "admin");
        var anonymous = factory.CreateClient();
        var secrets = new List<string>();

        // Sign-in: anonymous (runs without a store) and signed in (stored without its body).
        var firstLogin = await (await anonymous.SendAsync(HttpMethod.Post, "/api/v1/auth/login", new { email = user.Email, password = IdentityTestHelpers.Password }, idempotencyKey: "login-anon"))
            .AssertStatusAsync(HttpStatusCode.OK);
        secrets.AddRange(TokensOf(firstLogin));
        var signedIn = factory.WithBearer(firstLogin.GetProperty("accessToken").GetString());
        var secondLogin = await (await signedIn.SendAsync(HttpMethod.Post, "/api/v1/auth/login", new { email = user.Email, password = IdentityTestHelpers.Password }, idempotencyKey: "login-signed-in"))
            .AssertStatusAsync(HttpStatusCode.OK);
        secrets.AddRange(TokensOf(secondLogin));

        // Refresh, anonymous and signed in.
        var refreshed = await (await anonymous.SendAsync(HttpMethod.Post, "/api/v1/auth/refresh", new { refreshToken = firstLogin.GetProperty("refreshToken").GetString() }, idempotencyKey: "refresh-anon"))
            .AssertStatusAsync(HttpStatusCode.OK);
        secrets.AddRange(TokensOf(refreshed));
        var refreshedSignedIn = await (await signedIn.SendAsync(HttpMethod.Post, "/api/v1/auth/refresh", new { refreshToken = secondLogin.GetProperty("refreshToken").GetString() }, idempotencyKey: "refresh-signed-in"))
            .AssertStatusAsync(HttpStatusCode.OK);
        secrets.AddRange(TokensOf(refreshedSignedIn));

        // API key create and rotate (signed in only).
        var owner = factory.WithBearer(refreshedSignedIn.GetProperty("accessToken").GetString());
        var created = await (await owner.SendAsync(HttpMethod.Post, "/api/v1/api-keys", new { name = "scan", permissions = new[] { "permissions:read" } }, idempotencyKey: "key-create"))
            .AssertStatusAsync(HttpStatusCode.Created);
        secrets.Add(created.GetProperty("key").GetString()!);
        var rotated = await (await owner.SendAsync(HttpMethod.Post, $"/api/v1/api-keys/{created.Id()}/rotate", idempotencyKey: "key-rotate"))
            .AssertStatusAsync(HttpStatusCode.OK);
        secrets.Add(rotated.GetProperty("key").GetString()!);

        Assert.Equal(10, secrets.Distinct().Count());
        Assert.True(await factory.ScalarAsync<long>("SELECT count(*) FROM idempotency_records") >= 3, "the signed-in requests were recorded");

        var (tables, columns, found) = await ScanEveryTableAsync(secrets);
        Assert.Empty(found);
        Assert.True(tables >= 20 && columns >= 100, $"scanned {tables} tables, {columns} columns");
        output.WriteLine($"SecretScan: {secrets.Count} secrets, {tables} tables, {columns} columns searched, none found");
    }

    [Fact]
    public async Task ApiKeyCreateAndRotateReplays_Are409_HandOutNothing_AndDoNotRunAgain()
    {
        var (owner, user) = await factory.CreateClientAsAsync("admin");
        var body = new { name = "replayed", permissions = new[] { "permissions:read" } };
        var created = await (await owner.SendAsync(HttpMethod.Post, "/api/v1/api-keys", body, idempotencyKey: "create")).AssertStatusAsync(HttpStatusCode.Created);
        var replay = await owner.SendAsync(HttpMethod.Post, "/api/v1/api-keys", body, idempotencyKey: "create");
        await AssertSecretNotReplayedAsync(replay, created.GetProperty("key").GetString()!);
        Assert.Equal(1, await factory.ScalarAsync<long>("SELECT count(*) FROM api_keys WHERE created_by = @Id OR user_id = @Id", new { user.Id }));

        var url = $"/api/v1/api-keys/{created.Id()}/rotate";
        var rotated = await (await owner.SendAsync(HttpMethod.Post, url, idempotencyKey: "rotate")).AssertStatusAsync(HttpStatusCode.OK);
        var key = rotated.GetProperty("key").GetString()!;
        await AssertSecretNotReplayedAsync(await owner.SendAsync(HttpMethod.Post, url, idempotencyKey: "rotate"), key);
        // Not rotated a second time: the key the first rotation handed out still works.
        Assert.Equal(HttpStatusCode.OK, (await factory.WithApiKey(key).GetAsync("/api/v1/permissions")).StatusCode);
        Assert.Equal(1, await factory.ScalarAsync<long>(
            "SELECT count(*) FROM audit_logs WHERE action = 'api_key.rotated' AND resource_id = @Id", new { Id = Guid.Parse(created.Id()) }));

        // The same key with another request is still 422, not a hint about the stored answer.
        await (await owner.SendAsync(HttpMethod.Post, "/api/v1/api-keys", new { name = "other", permissions = new[] { "permissions:read" } }, idempotencyKey: "create"))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task SignedInLoginReplay_Is409_AndStartsNoSession()
    {
        var (client, user) = await factory.CreateClientAsAsync("user");
        var body = new { email = user.Email, password = IdentityTestHelpers.Password };
        var tokens = await (await client.SendAsync(HttpMethod.Post, "/api/v1/auth/login", body, idempotencyKey: "sign-in")).AssertStatusAsync(HttpStatusCode.OK);
        var sessions = await factory.ScalarAsync<long>("SELECT count(*) FROM user_sessions WHERE user_id = @Id", new { user.Id });

        await AssertSecretNotReplayedAsync(await client.SendAsync(HttpMethod.Post, "/api/v1/auth/login", body, idempotencyKey: "sign-in"), tokens.GetProperty("refreshToken").GetString()!);
        Assert.Equal(sessions, await factory.ScalarAsync<long>("SELECT count(*) FROM user_sessions WHERE user_id = @Id", new { user.Id }));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RefreshReplayWithTheSameKey_IsASecondUseOfTheOldToken_AndRevokesTheSession(bool signedIn)
    {
        var user = await factory.CreateUserAsync();
        var login = await factory.CreateClient().LoginAsync(user.Email);
        var client = signedIn ? factory.WithBearer(login.GetProperty("accessToken").GetString()) : factory.CreateClient();
        var body = new { refreshToken = login.GetProperty("refreshToken").GetString() };
        var successor = await (await client.SendAsync(HttpMethod.Post, "/api/v1/auth/refresh", body, idempotencyKey: "refresh")).AssertStatusAsync(HttpStatusCode.OK);

        var replay = await client.SendAsync(HttpMethod.Post, "/api/v1/auth/refresh", body, idempotencyKey: "refresh");
        var problem = await replay.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.DoesNotContain(successor.GetProperty("refreshToken").GetString()!, problem.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(1, await factory.ScalarAsync<long>(
            "SELECT count(*) FROM audit_logs WHERE action = 'auth.refresh_reused' AND metadata->>'userId' = @Id", new { Id = user.Id.ToString() }));
        // Reuse detection ended the session: the successor handed out by the first request is dead too.
        await (await client.PostJsonAsync("/api/v1/auth/refresh", new { refreshToken = successor.GetProperty("refreshToken").GetString() }))
            .AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task TheStoredRequestHash_IsKeyed_NotAPlainHashOfTheBodyWithItsPassword()
    {
        var (client, user) = await factory.CreateClientAsAsync("user");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login")
        {
            Content = JsonContent.Create(new { email = user.Email, password = IdentityTestHelpers.Password }, options: HttpAssertions.Json),
        };
        request.Headers.Add("Idempotency-Key", "hashed");
        var body = await request.Content.ReadAsByteArrayAsync();
        var contentType = request.Content.Headers.ContentType!.ToString();
        await (await client.SendAsync(request)).AssertStatusAsync(HttpStatusCode.OK);

        var stored = await factory.ScalarAsync<string>(
            "SELECT request_hash FROM idempotency_records WHERE caller = @Caller AND idempotency_key = 'hashed'", new { Caller = "user:" + user.Id });
        var plain = Convert.ToHexStringLower(SHA256.HashData([.. Encoding.UTF8.GetBytes($"POST /api/v1/auth/login\n{contentType}\n"), .. body]));
        Assert.NotNull(stored);
        Assert.Equal(64, stored!.Length);
        Assert.NotEqual(plain, stored);
    }

    [Fact]
    public async Task AnonymousKeyedRequests_RunWithoutLeavingAnIdempotencyRecord()
    {
        var user = await factory.CreateUserAsync();
        var client = factory.CreateClient();
        var body = new { email = user.Email, password = IdentityTestHelpers.Password };
        var first = await (await client.SendAsync(HttpMethod.Post, "/api/v1/auth/login", body, idempotencyKey: "anonymous-sign-in")).AssertStatusAsync(HttpStatusCode.OK);
        var second = await (await client.SendAsync(HttpMethod.Post, "/api/v1/auth/login", body, idempotencyKey: "anonymous-sign-in")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.NotEqual(first.GetProperty("refreshToken").GetString(), second.GetProperty("refreshToken").GetString());

        var email = $"anon-{Guid.NewGuid():N}@example.com";
        await (await client.SendAsync(HttpMethod.Post, "/api/v1/auth/register", new { email, password = IdentityTestHelpers.Password }, idempotencyKey: "anonymous-register"))
            .AssertStatusAsync(HttpStatusCode.Created);
        await (await client.SendAsync(HttpMethod.Post, "/api/v1/auth/forgot-password", new { email }, idempotencyKey: "anonymous-forgot"))
            .AssertStatusAsync(HttpStatusCode.Accepted);

        Assert.Equal(0, await factory.ScalarAsync<long>(
            "SELECT count(*) FROM idempotency_records WHERE idempotency_key LIKE 'anonymous-%' OR caller LIKE 'ip:%'"));
    }

    private static IEnumerable<string> TokensOf(JsonElement tokens) =>
        [tokens.GetProperty("accessToken").GetString()!, tokens.GetProperty("refreshToken").GetString()!];

    private static async Task AssertSecretNotReplayedAsync(HttpResponseMessage replay, string secret)
    {
        var problem = await replay.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(SecretNotReplayed, problem.GetProperty("code").GetString());
        Assert.Contains("shown only once", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, problem.GetRawText(), StringComparison.Ordinal);
        Assert.False(replay.Headers.Contains("Idempotent-Replayed"));
    }

    /// <summary>
    /// Every text-like column (text, varchar, char, json, jsonb, bytea, arrays, ...) of every base table in every schema
    /// but PostgreSQL's own, searched for each secret: as text, and as its UTF-8 bytes in bytea columns.
    /// </summary>
    private async Task<(int Tables, int Columns, List<string> Found)> ScanEveryTableAsync(IReadOnlyList<string> secrets)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        var columns = (await connection.QueryAsync<(string Schema, string Table, string Column, string Type)>("""
            SELECT c.table_schema, c.table_name, c.column_name, c.data_type
            FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE t.table_type = 'BASE TABLE'
              AND c.table_schema NOT IN ('pg_catalog', 'information_schema') AND c.table_schema NOT LIKE 'pg_toast%'
              AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea', 'ARRAY', 'USER-DEFINED', 'xml')
            ORDER BY 1, 2, 3
            """)).ToList();
        var found = new List<string>();
        foreach (var (schema, table, column, type) in columns)
        {
            var name = $"{Quote(schema)}.{Quote(table)}";
            var condition = type == "bytea"
                ? $"position(convert_to(s, 'UTF8') in t.{Quote(column)}) > 0"
                : $"strpos(t.{Quote(column)}::text, s) > 0";
            var hits = await connection.QueryAsync<string>(
                $"SELECT s FROM unnest(@Secrets) AS s WHERE EXISTS (SELECT 1 FROM {name} t WHERE {condition})", new { Secrets = secrets.ToArray() });
            found.AddRange(hits.Select(s => $"{name}.{column}: {s[..Math.Min(12, s.Length)]}..."));
        }

        return (columns.Select(c => (c.Schema, c.Table)).Distinct().Count(), columns.Count, found);
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
