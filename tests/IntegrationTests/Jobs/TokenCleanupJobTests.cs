using Catalog.IntegrationTests.Infrastructure;
using static Catalog.IntegrationTests.Jobs.JobsTestSupport;

namespace Catalog.IntegrationTests.Jobs;

public sealed class TokenCleanupJobFactory : CatalogApiFactory
{
    public TokenCleanupJobFactory()
    {
        // Tiny batches, so the loops of bounded DELETEs are exercised.
        WithSetting("Jobs:TokenCleanup:BatchSize", "2");
    }
}

public sealed class TokenCleanupJobTests(TokenCleanupJobFactory factory) : IClassFixture<TokenCleanupJobFactory>
{
    [Fact]
    public async Task Run_DeletesWhatIsPastItsGracePeriod_KeepsTheRest_AndIsIdempotent()
    {
        var db = factory.ConnectionString;
        var now = DateTimeOffset.UtcNow;
        var old = now.AddDays(-3);
        var user = await CreateUserAsync(db);

        var liveSession = await CreateSessionAsync(db, user, now.AddDays(10));
        var liveToken = await CreateRefreshTokenAsync(db, user, liveSession, now.AddDays(10));
        var recentlyRevoked = await CreateRefreshTokenAsync(db, user, liveSession, now.AddDays(10), revokedAt: now.AddHours(-1));
        var expiredTokens = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            expiredTokens.Add(await CreateRefreshTokenAsync(db, user, liveSession, old));
        }

        var revokedLongAgo = await CreateRefreshTokenAsync(db, user, liveSession, now.AddDays(10), revokedAt: old);
        var expiredSession = await CreateSessionAsync(db, user, old);
        var tokenOfExpiredSession = await CreateRefreshTokenAsync(db, user, expiredSession, now.AddDays(10));
        var revokedSession = await CreateSessionAsync(db, user, now.AddDays(10), revokedAt: old);

        await ExecuteAsync(db, """
            INSERT INTO user_tokens (user_id, purpose, token_hash, expires_at, used_at) VALUES
              (@user, 'email_verification', md5(random()::text), @future, NULL),
              (@user, 'password_reset',     md5(random()::text), @old,    NULL),
              (@user, 'password_reset',     md5(random()::text), @future, @old);
            INSERT INTO idempotency_records (caller, idempotency_key, request_method, request_path, request_hash, created_at) VALUES
              ('jobs-test', 'fresh', 'POST', '/x', 'h', @now),
              ('jobs-test', 'stale', 'POST', '/x', 'h', @stale);
            INSERT INTO email_outbox (recipient, subject, body, created_at, sent_at) VALUES
              ('a@example.com', 'sent long ago', 'b', @mailOld, @mailOld),
              ('b@example.com', 'sent today',    'b', @now, @now),
              ('c@example.com', 'not yet sent',  'b', @mailOld, NULL);
            """,
            new { user, future = now.AddDays(1), old, now, stale = now.AddHours(-25), mailOld = now.AddDays(-8) });

        var deleted = await factory.RunJobAsync("token-cleanup");

        // 5 expired + 1 revoked tokens, 2 sessions (the expired one's token goes by cascade),
        // 2 user tokens, 1 idempotency record, 1 delivered mail.
        Assert.Equal(12, deleted);
        var remainingTokens = await QueryAsync<Guid>(db, "SELECT id FROM refresh_tokens WHERE user_id = @user ORDER BY id", new { user });
        Assert.Equal(new[] { liveToken, recentlyRevoked }.Order(), remainingTokens);
        Assert.DoesNotContain(tokenOfExpiredSession, remainingTokens);
        Assert.DoesNotContain(revokedLongAgo, remainingTokens);
        var remainingSessions = await QueryAsync<Guid>(db, "SELECT id FROM user_sessions WHERE user_id = @user", new { user });
        Assert.Equal([liveSession], remainingSessions);
        Assert.DoesNotContain(revokedSession, remainingSessions);
        Assert.Equal(1L, await ScalarAsync<long>(db, "SELECT count(*) FROM user_tokens WHERE user_id = @user", new { user }));
        Assert.Equal(["fresh"], await QueryAsync<string>(db, "SELECT idempotency_key FROM idempotency_records WHERE caller = 'jobs-test'"));
        Assert.Equal(["not yet sent", "sent today"], await QueryAsync<string>(db, "SELECT subject FROM email_outbox ORDER BY subject"));

        Assert.Equal(0, await factory.RunJobAsync("token-cleanup"));
    }
}
