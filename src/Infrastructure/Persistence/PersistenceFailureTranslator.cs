using Catalog.Application.Common.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Catalog.Infrastructure.Persistence;

/// <summary>
/// Races and refusals that only the database can see, in the API's terms: a lost optimistic-concurrency race (the
/// row's xmin moved between read and write), a unique index, foreign key or category-tree trigger refusing a write; a
/// pool, server or statement that does not answer. The schema's constraint names stay here, beside the migrations.
/// </summary>
internal sealed class PersistenceFailureTranslator : IPersistenceFailureTranslator
{
    private const string UnavailableDetail = "The database is unavailable; try again shortly.";

    public PersistenceFailure? Translate(Exception exception) => Conflict(exception) ?? Outage(exception);

    private static PersistenceFailure? Conflict(Exception exception)
    {
        if (exception is DbUpdateConcurrencyException)
        {
            return new(PersistenceFailureKind.ConcurrencyConflict, "The resource was changed by another request; fetch it again and retry with its new ETag.");
        }

        return Find<PostgresException>(exception) switch
        {
            { SqlState: PostgresErrorCodes.UniqueViolation } => Conflicting("Another resource already uses one of these unique values (slug, SKU or review)."),
            { SqlState: PostgresErrorCodes.CheckViolation, ConstraintName: "ck_categories_no_cycle" or "ck_categories_no_self_parent" } =>
                Conflicting("A category cannot be moved under itself or one of its descendants."),
            { SqlState: PostgresErrorCodes.CheckViolation, ConstraintName: "ck_categories_depth_range" } =>
                Conflicting("The category tree would be deeper than 6 levels."),
            { SqlState: PostgresErrorCodes.CheckViolation, ConstraintName: "ck_products_stock_non_negative" } =>
                Conflicting("Stock cannot go below zero."),
            { SqlState: PostgresErrorCodes.ForeignKeyViolation } => Conflicting("A referenced resource does not exist or was removed meanwhile."),
            _ => null,
        };
    }

    private static PersistenceFailure Conflicting(string detail) => new(PersistenceFailureKind.Conflict, detail);

    // In this order: a full pool or a connect timeout also looks like a statement timeout (below), and no connection
    // was obtained, so it is Unavailable, not Timeout.
    private static PersistenceFailure? Outage(Exception exception) => exception switch
    {
        _ when IsPoolOrConnectTimeout(exception) => new(PersistenceFailureKind.Unavailable, UnavailableDetail),
        _ when IsStatementTimeout(exception) => new(PersistenceFailureKind.Timeout, "The database did not answer in time."),
        _ when IsDatabaseUnavailable(exception) => new(PersistenceFailureKind.Unavailable, UnavailableDetail),
        _ => null,
    };

    // Npgsql reports both a full pool and a connect timeout as an NpgsqlException around a TimeoutException, like a
    // command timeout; only the message tells them apart.
    private static bool IsPoolOrConnectTimeout(Exception exception) =>
        Find<NpgsqlException>(exception) is { InnerException: TimeoutException timeout } npgsql
        && (npgsql.Message.StartsWith("The connection pool has been exhausted", StringComparison.Ordinal)
            || timeout.Message.Contains("connection attempt", StringComparison.OrdinalIgnoreCase));

    private static bool IsStatementTimeout(Exception exception) =>
        Find<PostgresException>(exception) is { SqlState: PostgresErrorCodes.QueryCanceled }
        || Find<NpgsqlException>(exception)?.InnerException is TimeoutException;

    private static bool IsDatabaseUnavailable(Exception exception) =>
        Find<NpgsqlException>(exception) is { } npgsql && (npgsql.IsTransient || npgsql is not PostgresException)
        || Find<PostgresException>(exception) is { SqlState: PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections }
        || Find<System.Net.Sockets.SocketException>(exception) is not null;

    private static T? Find<T>(Exception? exception)
        where T : Exception
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is T match)
            {
                return match;
            }
        }

        return null;
    }
}
