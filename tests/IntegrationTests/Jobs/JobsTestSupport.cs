using Catalog.Infrastructure.Jobs;
using Catalog.IntegrationTests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Catalog.IntegrationTests.Jobs;

/// <summary>Small helpers for the job tests: SQL against the test database, running a job directly, polling.</summary>
internal static class JobsTestSupport
{
    public static async Task<T> ScalarAsync<T>(string connectionString, string sql, object? parameters = null)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        return await connection.ExecuteScalarAsync<T>(sql, parameters) ?? throw new InvalidOperationException("No value: " + sql);
    }

    public static async Task<int> ExecuteAsync(string connectionString, string sql, object? parameters = null, int? commandTimeoutSeconds = null)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        return await connection.ExecuteAsync(sql, parameters, commandTimeout: commandTimeoutSeconds);
    }

    public static async Task<List<T>> QueryAsync<T>(string connectionString, string sql, object? parameters = null)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        return (await connection.QueryAsync<T>(sql, parameters)).ToList();
    }

    /// <summary>Runs one job's work directly, as the Hangfire runner would, in a scope of its own (no run recorded).</summary>
    public static async Task<long> RunJobAsync(this CatalogApiFactory factory, string name)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredKeyedService<IMaintenanceJob>(name).RunAsync(CancellationToken.None);
    }

    /// <summary>Polls until <paramref name="condition"/> holds or <paramref name="timeout"/> passes; answers whether it held.</summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(200);
        }

        return await condition();
    }

    /// <summary>A user, one session and a refresh token in it, with the given times; returns the user id.</summary>
    public static async Task<Guid> CreateUserAsync(string connectionString)
    {
        var id = Guid.NewGuid();
        await ExecuteAsync(connectionString, """
            INSERT INTO users (id, email, password_hash, first_name, last_name)
            VALUES (@id, @email, 'x', 'Job', 'Test')
            """, new { id, email = $"jobs-{id:N}@example.com" });
        return id;
    }

    public static async Task<Guid> CreateSessionAsync(string connectionString, Guid userId, DateTimeOffset expiresAt, DateTimeOffset? revokedAt = null)
    {
        var id = Guid.NewGuid();
        await ExecuteAsync(connectionString, """
            INSERT INTO user_sessions (id, user_id, session_token, expires_at, absolute_expires_at, revoked_at)
            VALUES (@id, @userId, @token, @expiresAt, @expiresAt + interval '30 days', @revokedAt)
            """, new { id, userId, token = Guid.NewGuid().ToString("N"), expiresAt, revokedAt });
        return id;
    }

    public static async Task<Guid> CreateRefreshTokenAsync(string connectionString, Guid userId, Guid sessionId, DateTimeOffset expiresAt, DateTimeOffset? revokedAt = null)
    {
        var id = Guid.NewGuid();
        await ExecuteAsync(connectionString, """
            INSERT INTO refresh_tokens (id, user_id, session_id, family_id, token_hash, expires_at, revoked_at)
            VALUES (@id, @userId, @sessionId, @sessionId, @hash, @expiresAt, @revokedAt)
            """, new { id, userId, sessionId, hash = Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"), expiresAt, revokedAt });
        return id;
    }
}
