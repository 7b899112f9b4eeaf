using Catalog.Application.Common.Identity;
using Catalog.Infrastructure.Persistence;
using Dapper;
using Npgsql;

namespace Catalog.Infrastructure.Identity;

/// <summary>
/// A token is <c>{row id}.{256-bit secret}</c>; the row keeps only SHA-256 of the secret. A wrong secret for a known
/// row spends one of its <c>max_attempts</c> (on a connection of its own, so the count survives the refusal);
/// a right one is used once, inside the command's transaction.
/// </summary>
internal sealed class UserTokenStore(CatalogDbContext db, NpgsqlDataSource dataSource, TimeProvider time) : IUserTokenStore
{
    private const int MaxAttempts = 5;

    private const string Insert = """
        UPDATE user_tokens SET used_at = @Now WHERE user_id = @UserId AND purpose = @Purpose AND used_at IS NULL;
        INSERT INTO user_tokens (id, user_id, purpose, token_hash, expires_at, attempts, max_attempts, created_at)
        SELECT @Id, @UserId, @Purpose, @Hash, @ExpiresAt, 0, @MaxAttempts, @Now WHERE @Store;
        """;

    private const string Consume = """
        UPDATE user_tokens SET used_at = @Now, attempts = attempts + 1
        WHERE id = @Id AND purpose = @Purpose AND token_hash = @Hash
          AND used_at IS NULL AND expires_at > @Now AND attempts < max_attempts
        RETURNING user_id
        """;

    private const string SpendAttempt = "UPDATE user_tokens SET attempts = attempts + 1 WHERE id = @Id AND used_at IS NULL AND attempts < max_attempts";

    public Task<string> CreateAsync(Guid userId, string purpose, TimeSpan lifetime, CancellationToken cancellationToken) =>
        CreateAsync(userId, purpose, lifetime, store: true, cancellationToken);

    public async Task<string> CreateAsync(Guid userId, string purpose, TimeSpan lifetime, bool store, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        var secret = SecureTokens.New();
        var (connection, transaction) = await db.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            Insert,
            new { Id = id, UserId = userId, Purpose = purpose, Hash = SecureTokens.Sha256Hex(secret), ExpiresAt = now + lifetime, MaxAttempts, Now = now, Store = store },
            transaction,
            cancellationToken: cancellationToken));
        return $"{id:N}.{secret}";
    }

    public async Task<Guid?> ConsumeAsync(string token, string purpose, CancellationToken cancellationToken)
    {
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot != 32 || !Guid.TryParseExact(token.AsSpan(0, dot), "N", out var id) || token.Length - dot - 1 < 22)
        {
            return null;
        }

        var hash = SecureTokens.Sha256Hex(token[(dot + 1)..]);
        var (connection, transaction) = await db.OpenAsync(cancellationToken);
        var userId = await connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(
            Consume, new { Id = id, Purpose = purpose, Hash = hash, Now = time.GetUtcNow() }, transaction, cancellationToken: cancellationToken));
        if (userId is null)
        {
            await using var own = await dataSource.OpenConnectionAsync(cancellationToken);
            await own.ExecuteAsync(new CommandDefinition(SpendAttempt, new { Id = id }, cancellationToken: cancellationToken));
        }

        return userId;
    }

    public async Task<int> CountSinceAsync(Guid userId, string purpose, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var (connection, transaction) = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT count(*)::int FROM user_tokens WHERE user_id = @UserId AND purpose = @Purpose AND created_at >= @Since",
            new { UserId = userId, Purpose = purpose, Since = since },
            transaction,
            cancellationToken: cancellationToken));
    }
}
