using System.Data.Common;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Catalog.Infrastructure.Identity;

/// <summary>
/// Tells every instance, this one included, that an identity cache entry is stale: <c>pg_notify('identity_changed',
/// change)</c>, where a change is <c>user:{id}</c>, <c>session:{id}</c>, <c>api-key:{prefix}</c> or <c>permissions</c>.
/// Inside a command's transaction the announcements are held and sent in that transaction right before its commit
/// (<see cref="FlushAsync"/>): PostgreSQL delivers them when the change becomes visible and never for a rollback, so no
/// instance reloads the old row in between. Outside one they go out at once. Each instance's cache listener drops its
/// entries on delivery (<see cref="IdentityStateCache.Evict"/>, ADR-099).
/// </summary>
public sealed class IdentityChangeAnnouncer(NpgsqlDataSource dataSource, ILogger<IdentityChangeAnnouncer> logger)
{
    public const string Channel = "identity_changed";

    private const string NotifySql = "SELECT pg_notify(@channel, change) FROM unnest(@changes) AS change";

    private static readonly AsyncLocal<List<string>?> Held = new();

    /// <summary>From here on in this async flow (a command's transaction), announcements wait for <see cref="FlushAsync"/>.</summary>
    public static void HoldUntilCommit() => Held.Value = [];

    /// <summary>After the commit: announcements go out at once again (a post-commit handler's would otherwise wait for nothing).</summary>
    public static void Release() => Held.Value = null;

    public void Announce(string change)
    {
        if (Held.Value is { } held)
        {
            if (!held.Contains(change))
            {
                held.Add(change);
            }

            return;
        }

        _ = SendAsync(change);
    }

    /// <summary>Right before the commit, on the transaction's own connection: the held announcements become part of it.</summary>
    public static async Task FlushAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (Held.Value is not { Count: > 0 } held)
        {
            return;
        }

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = NotifySql;
        command.Parameters.Add(new NpgsqlParameter("channel", Channel));
        command.Parameters.Add(new NpgsqlParameter("changes", held.ToArray()));
        await command.ExecuteNonQueryAsync(cancellationToken);
        held.Clear();
    }

    private async Task SendAsync(string change)
    {
        try
        {
            await using var command = dataSource.CreateCommand(NotifySql);
            command.Parameters.Add(new NpgsqlParameter("channel", Channel));
            command.Parameters.Add(new NpgsqlParameter("changes", new[] { change }));
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The other instances' entries still expire after their few seconds (a minute for role permissions).
            logger.LogWarning(ex, "Announcing the identity change {Change} failed", change);
        }
    }
}
