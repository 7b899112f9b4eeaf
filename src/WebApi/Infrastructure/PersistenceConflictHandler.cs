using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Catalog.WebApi.Infrastructure;

/// <summary>
/// Races that only the database can see become 4xx problems: a lost optimistic-concurrency race (the row's xmin
/// moved between read and write) is 412; a unique index or a category-tree trigger refusing a write is 409.
/// </summary>
internal sealed class PersistenceConflictHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var classified = Classify(exception);
        if (classified is null)
        {
            return false;
        }

        var (status, detail) = classified.Value;
        httpContext.Response.StatusCode = status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails
            {
                Status = status,
                Title = status == StatusCodes.Status412PreconditionFailed ? "Precondition Failed" : "Conflict",
                Detail = detail,
            },
        });
    }

    internal static (int Status, string Detail)? Classify(Exception exception)
    {
        if (exception is DbUpdateConcurrencyException)
        {
            return (StatusCodes.Status412PreconditionFailed, "The resource was changed by another request; fetch it again and retry with its new ETag.");
        }

        var postgres = FindPostgres(exception);
        return postgres switch
        {
            { SqlState: PostgresErrorCodes.UniqueViolation } => (StatusCodes.Status409Conflict, "Another resource already uses one of these unique values (slug, SKU or review)."),
            { SqlState: PostgresErrorCodes.CheckViolation, ConstraintName: "ck_categories_no_cycle" or "ck_categories_no_self_parent" } =>
                (StatusCodes.Status409Conflict, "A category cannot be moved under itself or one of its descendants."),
            { SqlState: PostgresErrorCodes.CheckViolation, ConstraintName: "ck_categories_depth_range" } =>
                (StatusCodes.Status409Conflict, "The category tree would be deeper than 6 levels."),
            { SqlState: PostgresErrorCodes.CheckViolation, ConstraintName: "ck_products_stock_non_negative" } =>
                (StatusCodes.Status409Conflict, "Stock cannot go below zero."),
            { SqlState: PostgresErrorCodes.ForeignKeyViolation } => (StatusCodes.Status409Conflict, "A referenced resource does not exist or was removed meanwhile."),
            _ => null,
        };
    }

    private static PostgresException? FindPostgres(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is PostgresException postgres)
            {
                return postgres;
            }
        }

        return null;
    }
}
