using Catalog.Application.Auth;
using Catalog.Application.Common.Identity;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Catalog.Infrastructure.Identity;

/// <summary>
/// A sign-in's bookkeeping on the user row as atomic UPDATEs on a connection of their own: a failure by the same rule
/// as <c>User.RecordFailedLogin</c> (lock from the threshold on, the lockout doubling with each further failure up to
/// 64×), a success as <c>User.RecordSuccessfulLogin</c>. Concurrent sign-ins of one account never conflict on the
/// row's concurrency token.
/// </summary>
internal sealed class LoginThrottle(NpgsqlDataSource dataSource, IOptions<AuthOptions> options, TimeProvider time) : ILoginThrottle
{
    // One failure by the rule: the attempt that reaches the threshold sets the lockout, doubling with each further one.
    private const string CountFailure = """
        failed_login_count = failed_login_count + 1,
        lockout_until = CASE
            WHEN failed_login_count + 1 >= @Threshold
            THEN @Now + make_interval(secs => @BaseSeconds * LEAST(power(2, LEAST(failed_login_count + 1 - @Threshold, 6)), 64))
            ELSE lockout_until END
        """;

    private const string Sql = "UPDATE users SET " + CountFailure + " WHERE id = @Id RETURNING failed_login_count >= @Threshold";

    // The same rule, applied before the password is verified (ADR-078): only an active account that is not locked out
    // gets an attempt, and the attempt that reaches the threshold already sets the lockout, so parallel guesses beyond
    // it find the account locked.
    private const string ReserveSql = "UPDATE users SET " + CountFailure + """
         WHERE email = @Email AND deleted_at IS NULL AND is_active AND (lockout_until IS NULL OR lockout_until <= @Now)
        RETURNING id AS UserId, failed_login_count >= @Threshold AS LocksOnFailure
        """;

    private const string SuccessSql = """
        UPDATE users SET last_login_at = @Now, login_count = login_count + 1, failed_login_count = 0, lockout_until = NULL
        WHERE id = @Id
        """;

    /// <summary>The same rule as <c>User.RecordSuccessfulLogin</c>, as one atomic UPDATE on a connection of its own.</summary>
    public async Task RecordSuccessAsync(Guid userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(SuccessSql, new { Id = userId, Now = now }, cancellationToken: cancellationToken));
    }

    public async Task<LoginAttempt?> TryReserveAsync(string normalizedEmail, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<LoginAttempt>(new CommandDefinition(
            ReserveSql,
            new { Email = normalizedEmail, Threshold = settings.LockoutThreshold, BaseSeconds = (double)settings.LockoutSeconds, Now = time.GetUtcNow() },
            cancellationToken: cancellationToken));
    }

    public async Task<bool> RecordFailureAsync(Guid userId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            Sql,
            new { Id = userId, Threshold = settings.LockoutThreshold, BaseSeconds = (double)settings.LockoutSeconds, Now = time.GetUtcNow() },
            cancellationToken: cancellationToken));
    }
}
